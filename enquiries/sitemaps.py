from django.urls import reverse

from core.site_url import PublicSitemap


class EnquiryPagesSitemap(PublicSitemap):
    """The "help me find a therapist" page and the privacy notice (not the thank-you page)."""

    changefreq = "yearly"
    priority = 0.5

    def items(self):
        return ["enquiries:contact", "enquiries:privacy"]

    def location(self, name):
        return reverse(name)
