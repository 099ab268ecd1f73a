"""Each page type's JSON-LD has what Google's documentation asks of it, and shared pages have
a picture with its size and alt text.

The fields come from Google Search Central's structured-data guides: Article (headline, image,
datePublished, dateModified, author with name and url; publisher with a logo, which the
structured-data-testing-tool's Google preset requires), LocalBusiness (name and a PostalAddress;
telephone with its country code, url, image) and ProfilePage (mainEntity, a Person with a name).
"""

import io
import json
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import make_article, make_therapist

pytestmark = pytest.mark.django_db

ARTICLE_TYPES = {"Article", "BlogPosting", "NewsArticle"}
LOCAL_BUSINESS_TYPES = {"LocalBusiness", "MedicalBusiness", "ProfessionalService"}
AUTHOR_TYPES = {"Person", "Organization"}


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def meta(html, name):
    found = re.findall(rf'<meta property="{re.escape(name)}" content="([^"]*)">', html)
    assert len(found) == 1, (name, found)
    return found[0]


def is_absolute(url):
    return isinstance(url, str) and url.startswith(("http://", "https://"))


def assert_local_business(data):
    assert data["@type"] in LOCAL_BUSINESS_TYPES
    assert data["name"] == settings.PRACTICE["name"]
    address = data["address"]
    assert address["@type"] == "PostalAddress"
    for field in ("streetAddress", "addressLocality", "postalCode", "addressCountry"):
        assert address[field], field
    assert re.fullmatch(r"\+\d[\d ]{6,}", data["telephone"]), data["telephone"]
    assert is_absolute(data["url"]) and is_absolute(data["image"])
    assert_logo(data["logo"])


def assert_logo(logo):
    # Google: a raster image at least 112px wide, that it can crawl.
    assert is_absolute(logo["url"]) and not logo["url"].endswith(".svg")
    assert logo["width"] >= 112 and logo["height"] >= 112


def assert_article(data):
    assert data["@context"] == "https://schema.org"
    assert data["@type"] in ARTICLE_TYPES
    assert 0 < len(data["headline"]) <= 110
    images = data["image"] if isinstance(data["image"], list) else [data["image"]]
    assert images and all(is_absolute(image) for image in images)
    for field in ("datePublished", "dateModified"):
        assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d", data[field]), field
    authors = data["author"] if isinstance(data["author"], list) else [data["author"]]
    for author in authors:
        assert author["@type"] in AUTHOR_TYPES and author["name"] and is_absolute(author["url"])
    assert data["publisher"]["name"]
    assert_logo(data["publisher"]["logo"])
    assert is_absolute(data["mainEntityOfPage"])


def assert_share_card(client, html, alt=None):
    url = meta(html, "og:image")
    assert is_absolute(url)
    width, height = int(meta(html, "og:image:width")), int(meta(html, "og:image:height"))
    assert meta(html, "og:image:alt") == alt if alt else meta(html, "og:image:alt")
    # The picture is there, and is the size the page says.
    response = client.get(url.removeprefix(settings.SITE_URL))
    assert response.status_code == 200, url
    content = b"".join(response) if response.streaming else response.content
    assert Image.open(io.BytesIO(content)).size == (width, height)


def hero_png():
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 800), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("hero.png", buffer.getvalue(), content_type="image/png")


def test_home_page_describes_a_local_business_with_a_share_picture(client):
    html = client.get(reverse("home")).content.decode()

    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert_local_business(data)
    assert data["telephone"] == "+44 20 7946 0000"
    assert data["address"]["addressCountry"] == "GB"
    assert_share_card(client, html, settings.PRACTICE["share_image_alt"])


def test_an_article_with_its_author_and_hero_image(client):
    author = make_therapist("Amelia Hart")
    article = make_article(
        "Sleeping well", author=author, hero_image=hero_png(), hero_image_alt="A quiet lake."
    )
    html = client.get(article.get_absolute_url()).content.decode()

    data = json_ld(html)
    assert_article(data)
    assert data["author"]["@type"] == "Person" and data["author"]["name"] == "Amelia Hart"
    assert "/media/" in data["image"]
    assert meta(html, "og:image") == data["image"]
    assert meta(html, "og:image:alt") == "A quiet lake."
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) != ("", "")


def test_an_article_without_a_listed_author_or_picture_names_the_practice(client):
    gone = make_therapist("Former Colleague", is_active=False)
    article = make_article("Breathing", author=gone)
    html = client.get(article.get_absolute_url()).content.decode()

    data = json_ld(html)
    assert_article(data)
    assert data["author"] == {
        "@type": "Organization",
        "name": settings.PRACTICE["name"],
        "url": settings.SITE_URL + "/",
    }
    assert "Former Colleague" not in html
    assert "/static/img/share" in data["image"]
    assert_share_card(client, html, settings.PRACTICE["share_image_alt"])


def test_a_profile_page_is_a_profile_page_of_a_person(client):
    therapist = make_therapist("Amelia Hart")
    data = json_ld(client.get(therapist.get_absolute_url()).content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ProfilePage"
    person = data["mainEntity"]
    assert person["@type"] == "Person" and person["name"] == "Amelia Hart"
    assert re.match(r"\d{4}-\d\d-\d\dT", data["dateModified"])
    assert_local_business(person["worksFor"])


def test_the_address_comes_from_settings(client, settings):
    settings.PRACTICE = settings.PRACTICE | {
        "street": "1 High Street",
        "locality": "Leeds",
        "postcode": "LS1 1AA",
        "country": "GB",
        "phone": "0113 496 0000",
    }
    data = json_ld(client.get(reverse("home")).content.decode())
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "1 High Street",
        "addressLocality": "Leeds",
        "postalCode": "LS1 1AA",
        "addressCountry": "GB",
    }
    assert data["telephone"] == "+44 113 496 0000"
