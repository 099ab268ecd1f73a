"""Absolute addresses on the public site, always from SITE_URL.

Canonical links, structured data, the sitemap, the feed and robots.txt all name the same
origin, whatever Host header a request arrived with (an internal name, or www and bare domain).
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


def absolute(url):
    """`url` (a path, or already absolute, as a CDN media URL would be) on the public site."""
    return urljoin(f"{settings.SITE_URL}/", url)


class PublicSitemap(Sitemap):
    """A sitemap whose addresses use SITE_URL's scheme and host, not the request's."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc
