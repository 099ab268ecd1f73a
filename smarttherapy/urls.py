from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core import content
from core.middleware import read_only
from search.views import private, search_page, to_search_page
from smarttherapy import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Every response of the search page, its 404s and redirects too, is private (search/views.py).
    path("search/", private(search_page), name="search"),
    path("search", private(to_search_page), name="search_without_slash"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", read_only(sitemap), {"sitemaps": content.sitemaps()}, name="sitemap"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("articles/", include("articles.urls")),
    path("", include("articles.policy_urls")),
    path("therapists/", include("therapists.urls")),
    path("", include("enquiries.urls")),
    # Last: the pages staff write answer only where no route above does (pages/addresses.py).
    path("", include("pages.urls")),
]

if settings.DEBUG and settings.MEDIA_STORAGE == "filesystem":
    # `make run`: Django serves the public copies as nginx would (never in production).
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# A request Django cannot read (a form in another charset, a bad Host) gets the 400 page, built
# without reading the body again.
handler400 = "core.errors.bad_request"
handler404 = "core.errors.page_not_found"
# A database outage anywhere in a request answers 503; any other error the 500 page.
handler500 = "core.db_errors.server_error"
# Staff refused an admin page get an admin-styled 403 (core/errors.py).
handler403 = "core.errors.permission_denied"
