from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from articles.models import Article
from core.errors import render_error_page
from core.middleware import read_only
from core.site_url import absolute
from therapists.models import Modality, Therapist
from therapists.structured_data import home_data, share_image


@never_cache
@read_only
def healthz(request):
    """200 when the app and its database answer, 503 when the database does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the site's own 403 page for a refused form post (the reason is for
    logs only; Django logs it)."""
    return render_error_page(request, "403_csrf.html", 403)


@read_only
def robots_txt(request):
    """robots.txt: where the sitemap is. The admin is kept out of search engines by its
    X-Robots-Tag header instead of a Disallow line, which would tell anyone its address."""
    return render(
        request,
        "robots.txt",
        {"sitemap_url": absolute(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


class HomeView(TemplateView):
    """Who the practice is, its modalities, therapists accepting clients and recent articles."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["modalities"] = Modality.objects.only("name", "slug", "summary", "order")
        context["therapists"] = Therapist.objects.accepting().for_cards()[:3]
        context["articles"] = Article.objects.published().defer("body", "body_html")[:3]
        context["json_ld"] = home_data()
        context["share_image"] = share_image()
        return context
