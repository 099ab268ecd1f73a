"""The sitemap, feed and robots.txt name the site by SITE_URL, like canonical links do."""

import re
import xml.etree.ElementTree as ET

from django.urls import reverse

from tests.factories import make_article, make_therapist

ORIGIN = "https://www.example.org"


def test_sitemap_feed_and_robots_use_site_url_whatever_the_host_header(client, db, settings):
    settings.SITE_URL = ORIGIN
    settings.ALLOWED_HOSTS = ["internal.lan"]
    make_article("On rest")
    make_therapist("Ada Byron")
    asked_as = {"HTTP_HOST": "internal.lan"}

    sitemap = client.get(reverse("sitemap"), **asked_as).content
    locations = [el.text for el in ET.fromstring(sitemap).iter() if el.tag.endswith("loc")]
    assert locations
    assert all(location.startswith(f"{ORIGIN}/") for location in locations), locations

    feed = client.get(reverse("articles:feed"), **asked_as).content.decode()
    links = re.findall(r'href="([^"]+)"', feed) + re.findall(r"<id>([^<]+)</id>", feed)
    assert links
    assert all(link.startswith(f"{ORIGIN}/") for link in links), links

    robots = client.get(reverse("robots_txt"), **asked_as).content.decode()
    assert f"Sitemap: {ORIGIN}{reverse('sitemap')}" in robots
    assert "internal.lan" not in sitemap.decode() + feed + robots
