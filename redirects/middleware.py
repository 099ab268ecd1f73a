"""Old addresses answer only when nothing else did: on a 404, the redirects are looked up."""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect

from core.errors import render_error_page
from core.pagecache import public_cache_control
from redirects import not_found
from redirects.models import MAX_PATH, Redirect

logger = logging.getLogger(__name__)


class RedirectFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        not_found.flush_if_due()
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        if len(request.path) > MAX_PATH:
            return response
        try:
            redirected = self.redirect_for(request)
            if redirected is None and _worth_recording(request.path):
                not_found.count(request.path)
            return redirected or response
        except DatabaseError:
            logger.warning("Could not look up redirects", exc_info=True)
            return response

    def redirect_for(self, request):
        redirect = Redirect.objects.for_request(request.path, request.META.get("QUERY_STRING"))
        if redirect is None:
            return None
        if redirect.status == Redirect.Status.GONE:
            redirect.note_use()
            return render_error_page(request, "410.html", 410)
        url = redirect.destination()
        if url is None:
            return None  # leads to something visitors may not see: a plain 404, revealing nothing
        redirect.note_use()
        query = request.META.get("QUERY_STRING")
        # A redirect chosen by its query (?format=rss) has used it up.
        if query and redirect.keep_query_string and not redirect.query:
            url = f"{url}?{query}"
        response = HttpResponsePermanentRedirect(url)
        # Browsers keep a 301 without Cache-Control for good; this one may change (a new page can
        # take the old address), so it is revalidated like a page. The page cache stores only 200s.
        response["Cache-Control"] = public_cache_control()
        return response


def _worth_recording(path):
    """The "Not found" report is about the public site: not the admin, files or static files."""
    prefixes = (settings.ADMIN_URL, settings.MEDIA_URL, settings.STATIC_URL)
    private = ("/" + (prefix or "").lstrip("/") for prefix in prefixes)
    return not any(prefix != "/" and path.startswith(prefix) for prefix in private)
