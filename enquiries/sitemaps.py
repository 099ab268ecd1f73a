from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class EnquiryPagesSitemap(Sitemap):
    """The "help me find a therapist" page and the privacy notice (not the thank-you page)."""

    changefreq = "yearly"
    priority = 0.5

    def items(self):
        return ["enquiries:contact", "enquiries:privacy"]

    def location(self, name):
        return reverse(name)
