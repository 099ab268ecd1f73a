"""The search page, generic over the registry: /search/?q=…[&kind=…&page=…].

What is typed is health data, so no response of the page is stored: `private()`, applied to
its URL patterns (smarttherapy/urls.py) so that it covers what the view raises (a 404 for
`page=0`) and the redirect from `/search?q=…` too, sends `Cache-Control: no-store` (no browser
or proxy cache; the page cache does not even look it up, see core/pagecache.py), `noindex`, and
`Referrer-Policy: no-referrer`, so a result opened from it does not carry the query in its
Referer header (to this site's logs or any other). The query is not logged by gunicorn, Django
or nginx either (smarttherapy/private_logs.py, deploy/nginx.conf).
"""

from functools import wraps

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from core.errors import page_not_found
from core.middleware import read_only
from search import service


def private(view):
    """For the search page's URL patterns: every response, a 404 the view raises included,
    is never stored, never indexed and sends no Referer onwards."""

    @wraps(view)
    def private_view(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404 as exception:
            response = page_not_found(request, exception)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        response["Referrer-Policy"] = "no-referrer"
        return response

    return private_view


@read_only
def to_search_page(request):
    """/search?q=… (no final slash): 301 to /search/ with the same query (under `private()`,
    so the Location with its terms is never cached)."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(reverse("search") + (f"?{query}" if query else ""))


@read_only
def search_page(request):
    page = request.GET.get("page", "1")
    if not (page.isascii() and page.isdecimal()) or int(page) < 1:
        raise Http404("No such page.")
    kind = request.GET.get("kind") or None
    if kind is not None and not service.kind_exists(kind):
        kind = None
    results = service.search(request.GET.get("q", ""), kind=kind, page=min(int(page), 10_000))
    return render(request, "search/results.html", {"results": results})
