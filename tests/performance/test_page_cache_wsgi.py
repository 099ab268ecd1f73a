"""The WSGI layer in front of Django (core/pagecache_wsgi.py) answers anonymous visitors' cached
pages without running Django, and hands everyone and everything else to Django."""

import io
from datetime import timedelta

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.pagecache_wsgi import CachedPagesFirst
from tests.factories import make_article, make_staff_user
from tests.performance import urls as test_urls

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("page_cache"),
    pytest.mark.urls("tests.performance.urls"),
]

COUNTING = "/test-only/counting/"


class Site:
    """The layer around Django's own handler, counting the requests that reach Django."""

    def __init__(self):
        self.django_calls = 0
        django = WSGIHandler()

        def counting_django(environ, start_response):
            self.django_calls += 1
            return django(environ, start_response)

        self.app = CachedPagesFirst(counting_django)

    def request(self, path, method="GET", secure=False, **headers):
        path, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "443" if secure else "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "testserver",
            "wsgi.url_scheme": "https" if secure else "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(),
            **{f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()},
        }
        started = {}

        def start_response(status, response_headers, exc_info=None):
            started["status"] = int(status.split()[0])
            started["headers"] = dict(response_headers)

        calls_before = self.django_calls
        # As Django's test client does: the test's transaction must outlive the request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            chunks = self.app(environ, start_response)
            body = b"".join(chunks)
            if hasattr(chunks, "close"):
                chunks.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        started["body"] = body
        started["django_ran"] = self.django_calls > calls_before
        return started


@pytest.fixture
def site():
    test_urls.counter["calls"] = 0
    return Site()


def test_a_cached_page_is_answered_without_django_with_every_header(site):
    miss = site.request(COUNTING, secure=True)
    hit = site.request(COUNTING, secure=True)

    assert miss["django_ran"] and not hit["django_ran"]
    assert (miss["headers"]["X-Cache"], hit["headers"]["X-Cache"]) == ("MISS", "HIT")
    assert hit["status"] == 200
    assert hit["body"] == miss["body"] == b"<p>Rendered 1 times</p>"
    assert {k: v for k, v in hit["headers"].items() if k != "X-Cache"} == {
        k: v for k, v in miss["headers"].items() if k != "X-Cache"
    }
    for header in (
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Cross-Origin-Resource-Policy",
        "ETag",
        "Cache-Control",
        "Content-Length",
    ):
        assert header in hit["headers"], header
    assert "default-src 'none'" in hit["headers"]["Content-Security-Policy"]


def test_head_gets_the_headers_and_no_body(site):
    get = site.request(COUNTING)
    head = site.request(COUNTING, method="HEAD")

    assert not head["django_ran"]
    assert head["status"] == 200
    assert head["body"] == b""
    assert head["headers"]["Content-Length"] == get["headers"]["Content-Length"]
    assert head["headers"]["ETag"] == get["headers"]["ETag"]


def test_a_current_copy_gets_304_without_django(site):
    etag = site.request(COUNTING)["headers"]["ETag"]

    revalidated = site.request(COUNTING, if_none_match=etag)
    changed = site.request(COUNTING, if_none_match='W/"something-else"')

    assert revalidated["status"] == 304 and not revalidated["django_ran"]
    assert revalidated["body"] == b""
    assert revalidated["headers"]["ETag"] == etag
    assert changed["status"] == 200 and changed["body"]


@pytest.mark.parametrize("credential", ["session cookie", "authorization"])
def test_a_session_or_credentials_always_reach_django(site, settings, credential):
    site.request(COUNTING)  # an anonymous visitor caches the page
    if credential == "session cookie":
        headers = {"cookie": f"{settings.SESSION_COOKIE_NAME}=anything"}
    else:
        headers = {"authorization": "Basic c3RhZmY6c2VjcmV0"}

    response = site.request(COUNTING, **headers)

    assert response["django_ran"]
    assert response["headers"].get("X-Cache") != "HIT"
    assert response["body"] == b"<p>Rendered 2 times</p>"


def test_signed_in_staff_get_their_own_pages_and_previews(site, client, settings):
    article = make_article("Not yet out", published=False)
    staff = make_staff_user(is_superuser=True)
    client.force_login(staff)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    preview = reverse("articles:preview", args=[article.pk])
    site.request(COUNTING)  # cached for visitors

    for _ in range(2):
        page = site.request(COUNTING, cookie=cookie)
        shown = site.request(preview, cookie=cookie)
        assert page["django_ran"] and shown["django_ran"]
        assert "X-Cache" not in page["headers"] and "X-Cache" not in shown["headers"]
        assert shown["status"] == 200
        assert b"Not yet out" in shown["body"]
    # Visitors still get the page rendered for them, never the staff one.
    assert site.request(COUNTING)["body"] == b"<p>Rendered 1 times</p>"
    assert site.request(preview)["status"] == 404


@pytest.mark.parametrize("path", ["/test-only/form/", "/test-only/cookie/", "/test-only/preview/"])
def test_forms_cookies_and_uncacheable_pages_always_reach_django(site, path):
    first = site.request(path)
    second = site.request(path)

    assert first["django_ran"] and second["django_ran"]
    assert "X-Cache" not in second["headers"]


def test_the_contact_form_gives_every_visitor_their_own_token(site, settings):
    first = site.request(reverse("enquiries:contact"))
    second = site.request(reverse("enquiries:contact"))

    assert first["django_ran"] and second["django_ran"]
    assert first["headers"]["Set-Cookie"] != second["headers"]["Set-Cookie"]


@pytest.mark.parametrize("path", ["/healthz", "/admin/login/"])
def test_health_check_and_admin_always_reach_django(site, path):
    site.request(path)
    response = site.request(path)

    assert response["django_ran"]
    assert "X-Cache" not in response["headers"]


def test_excluded_paths_always_reach_django(site, settings):
    settings.PAGE_CACHE_EXCLUDED_PATHS = ["/test-only/counting/"]
    site = Site()  # the exclusions are read once per process
    site.request(COUNTING)

    assert site.request(COUNTING)["django_ran"]


def test_a_content_change_is_seen_at_once(site):
    article = make_article("Before the change")
    site.request(article.get_absolute_url())
    assert not site.request(article.get_absolute_url())["django_ran"]

    article.title = "After the change"
    article.save()
    response = site.request(article.get_absolute_url())

    assert response["django_ran"]
    assert b"After the change" in response["body"]


def test_a_scheduled_article_appears_on_time_on_a_cached_list(site, clock):
    make_article("Already out")
    make_article("Due in a moment", publish_at=timezone.now() + timedelta(hours=1))
    before = site.request(reverse("articles:list"))
    assert b"Due in a moment" not in before["body"]
    assert not site.request(reverse("articles:list"))["django_ran"]

    clock.advance(3601)
    after = site.request(reverse("articles:list"))

    assert after["django_ran"]
    assert b"Due in a moment" in after["body"]


def test_a_host_django_refuses_still_gets_djangos_400(site):
    response = site.request(COUNTING, host="evil.example")

    assert response["django_ran"]
    assert response["status"] == 400


def test_switched_off_every_request_reaches_django(site, settings):
    settings.PAGE_CACHE_ENABLED = False
    site.request(COUNTING)

    assert site.request(COUNTING)["django_ran"]


def _wsgi_text(text):
    """Text as a WSGI server passes it: the bytes received, decoded as latin-1."""
    return text.encode("utf-8").decode("latin-1")


anything = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=60
)


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=anything, query=anything, host=st.one_of(st.just("testserver"), anything), cookie=anything
)
# A path that is not ASCII: the layer once decoded it in Django's own environ, so Django
# decoded it twice and answered 500.
@example(path="café/Ā", query="q=é", host="testserver", cookie="")
def test_whatever_arrives_the_layer_answers_a_cached_page_or_hands_over(
    site, path, query, host, cookie
):
    site.request(COUNTING)  # something in the cache
    response = site.request(
        _wsgi_text("/" + path) + ("?" + _wsgi_text(query) if query else ""),
        host=_wsgi_text(host),
        cookie=_wsgi_text(cookie),
    )

    assert response["status"] in {200, 301, 302, 304, 400, 404}, response["status"]
    assert b"Traceback" not in response["body"]
    if not response["django_ran"]:
        assert response["status"] in {200, 304}
        assert response["headers"]["X-Cache"] == "HIT"
