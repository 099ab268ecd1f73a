"""A friendly 503 with Retry-After, instead of a 500, when the database does not answer.

PostgreSQL refusing connections, timing out (DB_CONNECT_TIMEOUT, DB_STATEMENT_TIMEOUT_MS) or
going away mid-request raises OperationalError or InterfaceError. Views' errors are caught by
the middleware; errors raised in other middleware (sessions, signed-in users) reach handler500,
which answers the same way. CONN_HEALTH_CHECKS drops a dead connection on the next request, so
the site recovers by itself when the database is back.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError

from core import errors

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)


def service_unavailable(request):
    """The 503 page, rendered from settings alone (see errors.render_error_page)."""
    response = errors.render_error_page(request, "503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UNAVAILABLE_ERRORS):
            logger.warning("Database unavailable for %s: %s", request.path, exception)
            return service_unavailable(request)
        return None


def server_error(request):
    """handler500: a database outage gets the 503 page; anything else Django's 500 page."""
    exception = sys.exc_info()[1]
    if isinstance(exception, UNAVAILABLE_ERRORS):
        return service_unavailable(request)
    return errors.server_error(request)
