"""Cached pages answered before Django: a thin WSGI layer in front of Django's handler.

WhiteNoise answers static files before Django's request handling; this does the same for the
page cache. An anonymous GET or HEAD that the page cache can answer (core/pagecache.py) is
answered here, without Django's handler, middleware, request signals or URL resolution, with
every header stored with the page (CSP, HSTS, Permissions-Policy...), `X-Cache: HIT`, 304 for a
current `If-None-Match`, and no body for HEAD. Everything else goes to Django unchanged, where
PageCacheMiddleware stores the page. Both decide with the same functions from core/pagecache.py:
the same exclusions (a session cookie, Authorization, the admin, /healthz, static and media
files, PAGE_CACHE_EXCLUDED_PATHS), the same key (scheme, host, path and query, static release)
and the same content generation, which also starts a new generation once a scheduled article is
due. So staff, forms and previews never get a cached page: staff carry a session cookie, and
pages with a form (a CSRF cookie) or their own Cache-Control (previews) are never stored.
"""

import logging

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest

from core import pagecache

logger = logging.getLogger(__name__)

# Requests carrying any of these get the page through pagecache.replay(), which answers them
# with Django's own get_conditional_response().
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


class CachedPagesFirst:
    """WSGI middleware: `application = CachedPagesFirst(get_wsgi_application())`."""

    def __init__(self, application):
        self.application = application
        self._release = None
        self._excluded = None

    def __call__(self, environ, start_response):
        answer = None
        if settings.PAGE_CACHE_ENABLED and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            try:
                answer = self.cached_answer(environ)
            except Exception:
                # Only a shortcut: whatever went wrong, Django answers as it would without it.
                logger.warning("Page cache layer failed; passing to Django", exc_info=True)
        if answer is None:
            return self.application(environ, start_response)
        status, headers, content = answer
        start_response(status, headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" or not content else [content]

    def cached_answer(self, environ):
        """(status, headers, body) of the cached page (or 304) for this request, or None to let
        Django answer."""
        if self._release is None:
            self._release = pagecache.static_release()
            self._excluded = pagecache.excluded_prefixes()
        # A copy: WSGIRequest rewrites PATH_INFO and SCRIPT_NAME in the environ it is given
        # (decoded), and Django's handler must get them as the server sent them.
        request = WSGIRequest(environ.copy())
        if not pagecache.request_is_public(request, self._excluded):
            return None
        key = pagecache.page_key(request, self._release)
        if key is None:
            return None
        stored = pagecache.stored_page(key)
        if stored is None:
            environ[pagecache.MISSED_KEY] = key  # the middleware stores the page under it
            return None
        if not any(name in environ for name in CONDITIONAL_HEADERS):
            # The usual case, answered from the stored headers as they are: what replay() would
            # give, without building a response object.
            content, headers = stored
            return "200 OK", [*headers, ("X-Cache", "HIT")], content
        response = pagecache.replay(request, stored)  # 304 (or 412) decided as Django does
        content = b"" if response.status_code == 304 else response.content
        return f"{response.status_code} {response.reason_phrase}", list(response.items()), content
