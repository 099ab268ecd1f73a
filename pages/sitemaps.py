from core.site_url import PublicSitemap
from pages.models import Page


class PageSitemap(PublicSitemap):
    """Every published page, with the time it last changed."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Page.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at
