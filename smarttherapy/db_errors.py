"""A friendly 503 with Retry-After, instead of a 500, when the database does not answer.

PostgreSQL refusing connections, timing out (DB_CONNECT_TIMEOUT, DB_STATEMENT_TIMEOUT_MS) or
going away mid-request raises OperationalError or InterfaceError. Views' errors are caught by
the middleware; errors raised in other middleware (sessions, signed-in users) reach handler500,
which answers the same way. CONN_HEALTH_CHECKS drops a dead connection on the next request, so
the site recovers by itself when the database is back.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

from smarttherapy import errors

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)

_PLAIN_PAGE = (
    "<!doctype html><html lang=en-GB><meta charset=utf-8>"
    "<title>Temporarily unavailable</title>"
    "<h1>Sorry, the site is temporarily unavailable</h1>"
    "<p>Please try again in a minute. In an emergency call 999 or go to A&amp;E;"
    " Samaritans: 116 123.</p></html>"
)


def service_unavailable(request):
    """The 503 page, rendered from settings alone (no context processors, no database)."""
    context = {
        "request": request,
        "practice": settings.PRACTICE,
        "crisis": settings.CRISIS,
        "site_url": settings.SITE_URL,
    }
    try:
        body = loader.get_template("503.html").render(context)
    except Exception:
        logger.exception("503.html could not be rendered; sending the plain page")
        body = _PLAIN_PAGE
    response = HttpResponse(body, status=503)
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
