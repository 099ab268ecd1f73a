"""Site search: apps register what is searchable; one engine per database answers.

See registry.py (what apps declare), indexing.py and signals.py (keeping the index up to
date), engines.py (PostgreSQL and SQLite), service.py (a search
from typed text to groups of results) and views.py (the page at /search/).
"""

from search.registry import link, register, registrations

__all__ = ["link", "register", "registrations"]
