"""The Atom feed, the sitemap and robots.txt are valid and point at the right pages."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from articles.models import Article
from tests.factories import make_article, make_therapist, make_topic

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_feed_is_atom_with_the_newest_twenty_articles(client):
    author = make_therapist("Amelia Hart")
    topic = make_topic("Anxiety")
    for day in range(1, 23):
        make_article(f"Piece {day:02}", days_ago=day, author=author, topics=[topic])

    response = client.get(reverse("articles:feed"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 20
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Piece 01"
    assert first.findtext(f"{ATOM}summary") == "A summary of Piece 01."
    assert first.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Amelia Hart"
    assert first.find(f"{ATOM}author").findtext(f"{ATOM}uri").startswith("http")
    assert first.findtext(f"{ATOM}id").startswith(f"{settings.SITE_URL}/")
    assert (
        first.find(f"{ATOM}link")
        .get("href")
        .endswith(reverse("articles:detail", args=["piece-01"]))
    )
    assert first.findtext(f"{ATOM}published")
    assert first.find(f"{ATOM}category").get("term") == "Anxiety"
    assert "Piece 21" not in response.content.decode()


def test_feed_does_not_name_an_inactive_author(client):
    make_article("Anonymous now", author=make_therapist("Gone Away", is_active=False))

    response = client.get(reverse("articles:feed"))

    ET.fromstring(response.content)
    assert "Gone Away" not in response.content.decode()


def test_every_feed_entry_has_an_author_or_the_feed_does(client):
    make_article("By someone", author=make_therapist("Amelia Hart"))
    make_article("By nobody listed")
    make_article("By someone gone", author=make_therapist("Gone Away", is_active=False))

    root = ET.fromstring(client.get(reverse("articles:feed")).content)

    feed_author = root.find(f"{ATOM}author")
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    for entry in entries:
        author = entry.find(f"{ATOM}author")
        if author is None:
            author = feed_author
        assert author is not None and author.findtext(f"{ATOM}name"), entry.findtext(f"{ATOM}title")
    assert feed_author.findtext(f"{ATOM}name") == settings.PRACTICE["name"]


def test_article_list_advertises_the_feed(client):
    html = client.get(reverse("articles:list")).content.decode()

    assert 'type="application/atom+xml"' in html and reverse("articles:feed") in html


def test_sitemap_lists_published_articles_with_lastmod(client):
    article = make_article("Listed")
    topic = make_topic("Anxiety")
    make_article("In a topic", topics=[topic])

    response = client.get(reverse("sitemap"))

    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.findall(f"{SITEMAP}url")
    }
    article_url = f"{settings.SITE_URL}{article.get_absolute_url()}"
    assert article_url in entries
    article.refresh_from_db()
    assert entries[article_url] == timezone.localdate(article.updated_at).isoformat()
    assert f"{settings.SITE_URL}{reverse('articles:list')}" in entries
    assert f"{settings.SITE_URL}{reverse('editorial:policy')}" in entries
    assert f"{settings.SITE_URL}{topic.get_absolute_url()}" in entries


def test_robots_txt_points_at_the_sitemap_and_does_not_reveal_the_admin(client):
    response = client.get("/robots.txt")

    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}" in text
    assert reverse("admin:index") not in text
    assert "User-agent: *" in text


def test_admin_pages_tell_search_engines_not_to_index_them(client):
    response = client.get(reverse("admin:login"))

    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "X-Robots-Tag" not in client.get("/robots.txt")


@pytest.mark.parametrize("cached", [False, True], ids=["uncached", "from the page cache"])
def test_feed_answers_304_when_the_reader_is_up_to_date(client, settings, cached):
    settings.PAGE_CACHE_ENABLED = cached
    cache.clear()
    make_article("Sleeping well", days_ago=3)
    Article.objects.update(updated_at=timezone.now() - timedelta(days=3))
    url = reverse("articles:feed")
    first = client.get(url)
    last_modified = first["Last-Modified"]

    for method in (client.get, client.head):
        # A feed reader that saw this version: nothing to send.
        again = method(url, HTTP_IF_MODIFIED_SINCE=last_modified)
        assert again.status_code == 304
        assert again.content == b""
        assert method(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        # One that saw an older version gets the whole feed.
        older = http_date(parse_http_date(last_modified) - 3600)
        stale = method(url, HTTP_IF_MODIFIED_SINCE=older)
        assert stale.status_code == 200
        # A new ETag means a new version, whatever the date says.
        assert (
            method(
                url, HTTP_IF_NONE_MATCH='W/"old"', HTTP_IF_MODIFIED_SINCE=last_modified
            ).status_code
            == 200
        )

    make_article("Waking up", days_ago=0)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200
    cache.clear()
