"""The page cache serves anonymous visitors and nobody else, and never stores private pages."""

import pytest
from django.test import override_settings

from tests.factories import make_staff_user
from tests.performance import urls as test_urls

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("page_cache"),
    pytest.mark.urls("tests.performance.urls"),
]

COUNTING = "/test-only/counting/"


@pytest.fixture(autouse=True)
def _reset_counter():
    test_urls.counter["calls"] = 0


def test_second_anonymous_visit_is_served_from_the_cache(client, django_assert_num_queries):
    first = client.get(COUNTING)
    with django_assert_num_queries(0):
        second = client.get(COUNTING)

    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content == b"<p>Rendered 1 times</p>"
    assert test_urls.counter["calls"] == 1


def test_head_is_answered_from_the_cached_get(client):
    client.get(COUNTING)
    response = client.head(COUNTING)

    assert response.status_code == 200
    assert response["X-Cache"] == "HIT"
    assert test_urls.counter["calls"] == 1


def test_query_string_and_host_are_part_of_the_key(client):
    client.get(COUNTING)
    other_query = client.get(COUNTING + "?page=2")
    other_host = client.get(COUNTING, HTTP_HOST="localhost")
    other_scheme = client.get(COUNTING, secure=True)

    assert [r["X-Cache"] for r in (other_query, other_host, other_scheme)] == ["MISS"] * 3
    assert test_urls.counter["calls"] == 4


def test_signed_in_staff_never_get_or_leave_a_cached_page(client):
    client.get(COUNTING)  # an anonymous visitor warms the cache
    client.force_login(make_staff_user())

    staff_view = client.get(COUNTING)

    assert "X-Cache" not in staff_view
    assert staff_view.content == b"<p>Rendered 2 times</p>"
    assert staff_view["Cache-Control"] == "private, no-cache"


def test_a_page_rendered_for_staff_is_never_served_to_visitors(client):
    staff = client
    staff.force_login(make_staff_user())
    staff.get(COUNTING)
    staff.logout()
    staff.cookies.clear()

    visitor_view = staff.get(COUNTING)

    assert visitor_view["X-Cache"] == "MISS"
    assert visitor_view.content == b"<p>Rendered 2 times</p>"


@pytest.mark.parametrize("url", ["/test-only/cookie/", "/test-only/form/", "/test-only/preview/"])
def test_pages_that_set_cookies_carry_forms_or_forbid_caching_are_never_stored(client, url):
    first = client.get(url)
    client.cookies.clear()  # a different visitor, without the cookie the first one was given
    second = client.get(url)

    assert "X-Cache" not in first
    assert "X-Cache" not in second
    assert "public" not in second.get("Cache-Control", "")
    assert "private" in second["Cache-Control"] or "no-store" in second["Cache-Control"]


def test_the_csrf_form_page_gives_each_visitor_their_own_token(client, settings):
    first = client.get("/test-only/form/")
    client.cookies.clear()
    second = client.get("/test-only/form/")

    name = settings.CSRF_COOKIE_NAME
    assert first.cookies[name].value != second.cookies[name].value
    # A visitor who already holds the cookie still gets the form rendered for them.
    third = client.get("/test-only/form/")
    assert "X-Cache" not in third
    assert third.cookies[name].value == second.cookies[name].value


def test_not_found_pages_are_not_stored(client):
    first = client.get("/articles/no-such-article/")
    second = client.get("/articles/no-such-article/")

    assert first.status_code == second.status_code == 404
    assert "X-Cache" not in second


def test_admin_and_health_check_bypass_the_cache(client):
    for url in ("/admin/login/", "/healthz"):
        client.get(url)
        response = client.get(url)
        assert "X-Cache" not in response, url


def test_a_cached_page_keeps_every_security_header(client):
    miss = client.get(COUNTING)
    hit = client.get(COUNTING)

    ignored = {"X-Cache", "Date"}
    miss_headers = {k: v for k, v in miss.items() if k not in ignored}
    hit_headers = {k: v for k, v in hit.items() if k not in ignored}
    assert hit_headers == miss_headers
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert header in hit, header


def test_visitors_with_unrelated_cookies_still_share_the_cached_page(client, settings):
    client.get(COUNTING)
    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32

    response = client.get(COUNTING)

    assert response["X-Cache"] == "HIT"


@override_settings(PAGE_CACHE_ENABLED=False)
def test_switched_off_every_visit_renders_the_page(client):
    client.get(COUNTING)
    response = client.get(COUNTING)

    assert "X-Cache" not in response
    assert response.content == b"<p>Rendered 2 times</p>"
