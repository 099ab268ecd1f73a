"""Site search: apps register what is searchable; one engine per database answers.

See registry.py (what apps declare), engines.py (PostgreSQL and SQLite), service.py (a search
from typed text to groups of results) and views.py (the page at /search/).
"""

from search import typos  # noqa: F401 - PostgreSQL connections get the typo threshold
from search.registry import link, register, registrations

__all__ = ["link", "register", "registrations"]
