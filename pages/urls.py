from django.urls import path, register_converter

from pages import addresses, views

app_name = "pages"


class PageAddressConverter:
    """Matches only the address of a published page: any other path stays a 404 that the
    redirects fallback and APPEND_SLASH see as before. No query: see pages.menu."""

    regex = addresses.ADDRESS

    def to_python(self, value):
        from pages import menu

        if value not in menu.published_addresses():
            raise ValueError(value)
        return value

    def to_url(self, value):
        return value


register_converter(PageAddressConverter, "page_address")


# Included last in smarttherapy/urls.py: every route of the site wins over a page.
urlpatterns = [
    # Staff only: any page, draft or published, as it will look.
    path("pages/preview/<int:pk>/", views.PagePreviewView.as_view(), name="preview"),
    path("<page_address:path>/", views.PageView.as_view(), name="page"),
]
