"""The site's URLs plus a few test-only views that stand for kinds of page the cache must skip."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.cache import never_cache

from smarttherapy.urls import urlpatterns as site_urlpatterns


def sets_cookie(request):
    response = HttpResponse("<p>Remembered</p>")
    response.set_cookie("remembered", "yes")
    return response


def form_with_csrf_token(request):
    template = engines["django"].from_string(
        '<form method="post">{% csrf_token %}<button>Send</button></form>'
    )
    return HttpResponse(template.render({}, request))


@never_cache
def preview_like(request):
    return HttpResponse("<p>A draft, for staff only</p>")


counter = {"calls": 0}


def counting(request):
    counter["calls"] += 1
    return HttpResponse(f"<p>Rendered {counter['calls']} times</p>")


urlpatterns = [
    path("test-only/cookie/", sets_cookie),
    path("test-only/form/", form_with_csrf_token),
    path("test-only/preview/", preview_like),
    path("test-only/counting/", counting),
    *site_urlpatterns,
]
