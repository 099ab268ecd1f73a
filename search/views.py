"""The search page, generic over the registry: /search/?q=…[&kind=…&page=…].

What is typed is health data, so the page is never stored: `never_cache` (no page cache, no
browser or proxy cache; the page cache does not even look it up, see core/pagecache.py),
`noindex`, and `Referrer-Policy: no-referrer`, so a result opened from it does not carry the
query in its Referer header (to this site's logs or any other). The query is not logged by
gunicorn or nginx either (gunicorn.conf.py, deploy/nginx.conf).
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.middleware import read_only
from search import service


@never_cache
@read_only
def search_page(request):
    page = request.GET.get("page", "1")
    if not (page.isascii() and page.isdecimal()) or int(page) < 1:
        raise Http404("No such page.")
    kind = request.GET.get("kind") or None
    if kind is not None and not service.kind_exists(kind):
        kind = None
    results = service.search(request.GET.get("q", ""), kind=kind, page=min(int(page), 10_000))
    response = render(request, "search/results.html", {"results": results})
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
