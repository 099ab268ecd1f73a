"""Pages stay light: small HTML, a small stylesheet, no JavaScript, nothing from other hosts."""

import gzip
import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from therapists.models import Modality, Therapist

pytestmark = pytest.mark.django_db

SEED_SLUG = "the-space-between-coping-and-healing"
ATTRIBUTE_URL = re.compile(r"""\b(?:src|href|srcset|action|poster|data)\s*=\s*["']([^"']+)""", re.I)


@pytest.fixture
def demo(db):
    call_command("load_demo", "--force", "--no-user", stdout=io.StringIO())


@pytest.fixture
def public_pages(demo):
    therapist = Therapist.objects.listed().first()
    modality = Modality.objects.first()
    return [
        "/",
        reverse("articles:list"),
        Article.objects.get(slug=SEED_SLUG).get_absolute_url(),
        reverse("therapists:directory"),
        reverse("therapists:directory") + f"?modality={modality.slug}&format=online",
        therapist.get_absolute_url(),
        reverse("therapists:modalities"),
        modality.get_absolute_url(),
    ]


def test_the_seed_article_page_is_at_most_30_kb_of_html(client, demo):
    response = client.get(Article.objects.get(slug=SEED_SLUG).get_absolute_url())

    assert response.status_code == 200
    assert len(response.content) <= 30 * 1024, f"{len(response.content)} bytes"


def test_the_stylesheets_are_at_most_15_kb_compressed(client, demo):
    html = client.get("/").content.decode()
    sheets = re.findall(r"<link[^>]+rel=[\"']stylesheet[\"'][^>]*>", html)
    hrefs = [re.search(r"href=[\"']([^\"']+)", tag).group(1) for tag in sheets]
    assert hrefs, "the home page links no stylesheet"

    total = 0
    for href in hrefs:
        response = client.get(href)
        assert response.status_code == 200, href
        body = b"".join(response.streaming_content) if response.streaming else response.content
        total += len(gzip.compress(body, compresslevel=9))

    assert total <= 15 * 1024, f"{total} bytes gzipped"


def test_public_pages_have_no_javascript(client, public_pages):
    for url in public_pages:
        html = client.get(url).content.decode()
        scripts = re.findall(r"<script\b([^>]*)>", html, re.I)
        # JSON-LD structured data is data, not script; anything else is JavaScript.
        assert all("application/ld+json" in attrs for attrs in scripts), (url, scripts)
        assert not re.search(r"\son[a-z]+\s*=", html, re.I), f"event handler attribute on {url}"
        assert "javascript:" not in html.lower(), url


def test_public_pages_load_nothing_from_other_hosts(client, public_pages):
    for url in public_pages:
        html = client.get(url).content.decode()
        # Links to other sites (<a href>) are fine; resources the page loads are not.
        resource_tags = re.findall(r"<(?:link|script|img|source|iframe|video|audio)\b[^>]*>", html)
        for tag in resource_tags:
            if re.search(r"rel=[\"'](?:canonical|alternate)", tag):
                continue  # references to this page's own addresses, never fetched to render it
            for value in ATTRIBUTE_URL.findall(tag):
                for candidate in value.split(","):
                    host = urlsplit(candidate.strip().split(" ")[0]).netloc
                    assert host in ("", "testserver"), (url, tag)
