"""Browsers revalidate public pages with ETags; a CDN may keep them briefly; never private ones."""

import pytest
from django.templatetags.static import static
from django.urls import reverse

from tests.factories import make_article, make_staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def article_url():
    return make_article("Cacheable words").get_absolute_url()


@pytest.mark.parametrize("cache_on", [True, False], ids=["page-cache-on", "page-cache-off"])
def test_a_public_page_answers_a_revalidation_with_304(client, settings, article_url, cache_on):
    settings.PAGE_CACHE_ENABLED = cache_on
    first = client.get(article_url)
    etag = first["ETag"]

    again = client.get(article_url, HTTP_IF_NONE_MATCH=etag)

    assert first.status_code == 200
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


@pytest.mark.usefixtures("page_cache")
def test_a_changed_page_gets_a_new_etag_and_a_full_answer(client, article_url):
    etag = client.get(article_url)["ETag"]
    make_article("Another article")  # changes the neighbour links, so the page changes

    response = client.get(article_url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_public_pages_let_a_cdn_keep_them_briefly(client, settings, article_url):
    settings.CDN_CACHE_SECONDS = 60
    settings.CDN_STALE_SECONDS = 300
    for url in (
        "/",
        article_url,
        reverse("articles:list"),
        reverse("therapists:directory"),
        reverse("therapists:modalities"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == (
            "public, max-age=0, s-maxage=60, stale-while-revalidate=300"
        ), url


def test_the_admin_is_never_cached_anywhere(client):
    login = client.get(reverse("admin:login"))
    client.force_login(make_staff_user(is_superuser=True))
    index = client.get(reverse("admin:index"))

    for response in (login, index):
        directives = response["Cache-Control"]
        assert "no-store" in directives or "private" in directives
        assert "public" not in directives


def test_signed_in_staff_pages_are_private(client, article_url):
    client.force_login(make_staff_user())

    response = client.get(article_url)

    assert response["Cache-Control"] == "private, no-cache"


def test_a_not_found_page_is_not_marked_public(client):
    response = client.get("/articles/no-such-article/")

    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_hashed_static_files_are_immutable_for_a_year(client):
    url = static("css/site.css")
    assert url.count(".") >= 2, "the stylesheet should have a content hash in its name"

    response = client.get(url)

    assert response.status_code == 200
    directives = dict(
        (d.strip().split("=") + [""])[:2] for d in response["Cache-Control"].split(",")
    )
    assert "public" in directives
    assert "immutable" in directives
    assert int(directives["max-age"]) >= 365 * 24 * 3600


def test_a_preview_is_never_stored_by_any_cache(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    draft = make_article("Unfinished thoughts", published=False)
    url = reverse("articles:preview", kwargs={"pk": draft.pk})
    client.force_login(make_staff_user(is_superuser=True))

    response = client.get(url)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "X-Cache" not in response
