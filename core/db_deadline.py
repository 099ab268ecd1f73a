"""A deadline on waiting for the database, per web request.

A PostgreSQL server that is frozen (its processes stopped, or the machine hung while its kernel
still acknowledges packets) never answers: no timeout in libpq or TCP fires, statement_timeout
cannot (the server is the one that would enforce it), and the request would hang until gunicorn
kills the worker. So each request served by the WSGI app (smarttherapy/wsgi.py) may wait for
PostgreSQL DB_REQUEST_TIMEOUT seconds in all: every wait for an answer gets what is left of it
(core/postgresql/base.py). When it runs out, the connection is dropped (its state is unknown)
and DatabaseDeadlineExceeded, an OperationalError, takes the usual way to the 503 page
(core/db_errors.py) and /healthz answers 503. The next request connects afresh, so the site
recovers by itself once the database answers again.

Management commands (migrate, rerender_markdown) and the test client have no deadline: only the
web server sets one.
"""

import threading

from django.db.utils import OperationalError

_state = threading.local()


class DatabaseDeadlineExceeded(OperationalError):
    """Not a psycopg error, on purpose: Django's connection health check must not catch it and
    try to connect again within the same request."""


def start(seconds):
    """A new request: it may wait `seconds` for the database in all (None: no deadline).

    The budget is kept after the response, so the clean-up Django does once the response is
    closed (closing an unusable connection) is bounded too."""
    _state.left = seconds


def remaining():
    """Seconds this request may still wait for the database, or None without a deadline."""
    return getattr(_state, "left", None)


def spend(seconds):
    left = remaining()
    if left is not None:
        _state.left = left - seconds


class DatabaseDeadline:
    """WSGI middleware that gives every request its own database deadline."""

    def __init__(self, application, seconds):
        self.application = application
        self.seconds = seconds

    def __call__(self, environ, start_response):
        start(self.seconds)
        return self.application(environ, start_response)
