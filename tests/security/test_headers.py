"""Security headers and cookies on every kind of response: pages, errors, static, admin."""

import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import django.contrib.admin
import pytest
from django.conf import settings
from django.test import Client as client_class
from django.urls import reverse

from core.middleware import ADMIN_CHANGE_LIST_STYLE_HASH
from tests.factories import make_article, make_staff_user

ROOT = Path(__file__).resolve().parents[2]


def csp_directives(response):
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_strict_csp(response, script_src="'none'"):
    """The policy every response carries; only admin pages pass script_src="'self'"."""
    directives = csp_directives(response)
    assert directives["default-src"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["script-src"] == [script_src]
    for values in directives.values():
        assert "'unsafe-inline'" not in values
        assert "'unsafe-eval'" not in values
        assert "*" not in values
        assert not any(value.startswith(("http:", "https:", "data:")) for value in values)


def assert_common_headers(response, script_src="'none'"):
    assert_strict_csp(response, script_src)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


@pytest.fixture
def https(settings):
    """Requests as production sees them: over HTTPS behind the proxy."""
    settings.SECURE_SSL_REDIRECT = True
    return {"secure": True}


def test_pages_errors_and_static_files_all_carry_the_security_headers(client, db, https):
    article = make_article("Sleep and worry")
    static_path = settings.STATIC_URL + "css/site.css"
    responses = {
        "article list": client.get(reverse("articles:list"), **https),
        "article": client.get(article.get_absolute_url(), **https),
        "not found": client.get("/no-such-page/", **https),
        "admin sign-in": client.get(reverse("admin:login"), **https),
        "health": client.get("/healthz", **https),
        "static": client.get("/" + static_path.lstrip("/"), **https),
    }
    assert responses["article"].status_code == 200
    assert responses["not found"].status_code == 404
    for name, response in responses.items():
        assert_common_headers(response, "'self'" if name == "admin sign-in" else "'none'")
        if name != "static":
            assert response["X-Frame-Options"] == "DENY", name


def test_a_cached_page_still_carries_the_policy(client, db, https, settings):
    settings.PAGE_CACHE_ENABLED = True
    article = make_article("Cached calm")
    first = client.get(article.get_absolute_url(), **https)
    second = client.get(article.get_absolute_url(), **https)
    assert first.status_code == second.status_code == 200
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert_common_headers(second)
    assert second["X-Frame-Options"] == "DENY"


def test_public_pages_let_audit_tools_fetch_robots_txt_from_this_site_only(client, db, https):
    """Lighthouse reads /robots.txt with a fetch from the page; default-src 'none' blocked it
    (SEO 92). connect-src 'self' allows that, and only that origin; no script can run to use it,
    and the admin gets it for its autosave script's posts to this site."""
    article = make_article("Robots may read")
    for path in ("/", article.get_absolute_url(), reverse("therapists:directory")):
        directives = csp_directives(client.get(path, **https))
        assert directives["connect-src"] == ["'self'"], path
        assert directives["script-src"] == ["'none'"], path
        assert directives["default-src"] == ["'none'"], path
    admin = csp_directives(client.get(reverse("admin:login"), **https))
    # The admin's autosave (static/js/admin-autosave.js) posts to this site, and only here.
    assert admin["connect-src"] == ["'self'"]
    assert admin["default-src"] == ["'none'"]
    robots = client.get("/robots.txt", **https)
    assert robots.status_code == 200
    assert robots["Content-Type"].startswith("text/plain")


def test_production_sends_hsts_for_a_year_with_subdomains(client, db, https):
    response = client.get(reverse("articles:list"), **https)
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts


def test_plain_http_is_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("articles:list"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_cookies_are_host_prefixed_secure_httponly_and_lax(client, db, https):
    make_staff_user("alex", password="a-long-test-password-123")
    page = client.get(reverse("admin:login"), **https)
    csrf = page.cookies[settings.CSRF_COOKIE_NAME]
    assert settings.CSRF_COOKIE_NAME == "__Host-csrftoken"
    response = client.post(
        reverse("admin:login"),
        {"username": "alex", "password": "a-long-test-password-123"},
        **https,
    )
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    for cookie in (csrf, session):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/"
        assert not cookie["domain"]


def test_a_visitor_gets_no_cookie_and_no_session(client, db, https):
    article = make_article("No cookies here")
    response = client.get(article.get_absolute_url(), **https)
    assert response.status_code == 200
    assert not response.cookies


def test_admin_style_hash_matches_djangos_only_inline_style():
    template = Path(django.contrib.admin.__file__).parent / "templates/admin/change_list.html"
    styles = re.findall(r"<style>(.*?)</style>", template.read_text(), re.S)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" == ADMIN_CHANGE_LIST_STYLE_HASH


def test_only_admin_pages_allow_that_one_style_hash(client, db, https):
    make_staff_user("sam", is_superuser=True)
    client.login(username="sam", password="a-long-test-password-123")
    admin_page = client.get(reverse("admin:auth_user_changelist"), **https)
    public_page = client.get(reverse("articles:list"), **https)
    assert admin_page.status_code == 200
    assert csp_directives(admin_page)["style-src"] == ["'self'", ADMIN_CHANGE_LIST_STYLE_HASH]
    assert csp_directives(public_page)["style-src"] == ["'self'"]
    assert_strict_csp(admin_page, script_src="'self'")


def test_public_pages_allow_no_script_and_only_the_admin_runs_its_own(client, db, https):
    article = make_article("No scripts here")
    public = [
        client.get(article.get_absolute_url(), **https),
        client.get(reverse("enquiries:contact"), **https),
        client.get("/no-such-page/", **https),
    ]
    admin_login = client.get(reverse("admin:login"), **https)
    for response in public:
        assert csp_directives(response)["script-src"] == ["'none'"]
    assert csp_directives(admin_login)["script-src"] == ["'self'"]


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "ADMIN_URL"}}
    environment.update({"SECRET_KEY": "k" * 60 + "-production-like-secret", **env})
    environment = {k: v for k, v in environment.items() if v is not None}  # None: unset it
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    environment = {k: v for k, v in os.environ.items() if k != "SECURE_SSL_REDIRECT"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{
                k: v
                for k, v in environment.items()
                if k not in {"DEBUG", "ADMIN_REQUIRE_2FA", "DJANGO_ALLOW_ASYNC_UNSAFE"}
            },
            "SECRET_KEY": "a-production-like-secret-" + "x" * 40,
            "SITE_URL": "https://smarttherapy.example",
            "EMAIL_URL": "smtp://localhost:25",
            # A discreet sender that does not name the practice (enquiries.W001 otherwise).
            "NEUTRAL_FROM_EMAIL": "appointments@mail.example",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_admin_lives_at_the_address_in_admin_url():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    moved = _manage("shell", "-c", code, ADMIN_URL="office-7f3a")
    default = _manage("shell", "-c", code)
    assert moved.stdout.strip().splitlines()[-1] == "/office-7f3a/"
    assert default.stdout.strip().splitlines()[-1] == "/admin/"


def test_the_second_factor_is_required_in_production_unless_turned_off():
    code = "from django.conf import settings; print('=', settings.ADMIN_REQUIRE_2FA)"
    base = {"ADMIN_REQUIRE_2FA": None, "SECRET_KEY": "x" * 50}

    def required(**env):
        result = _manage("shell", "-c", code, **{**base, **env})
        return next(line for line in result.stdout.splitlines() if line.startswith("= "))

    assert required(DEBUG="false") == "= True"
    assert required(DEBUG="true") == "= False"
    assert required(DEBUG="false", ADMIN_REQUIRE_2FA="false") == "= False"


def test_refusals_and_errors_carry_the_security_headers_too(client, db, https, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    article = make_article("Refused politely")
    responses = {
        "bad host": client.get("/", HTTP_HOST="evil.example", **https),
        "wrong method": client.post(article.get_absolute_url(), **https),
        "too many fields": client.post(
            reverse("enquiries:contact"), {f"f{i}": "x" for i in range(20)}, **https
        ),
    }
    csrf_client = client_class(enforce_csrf_checks=True)
    responses["refused form"] = csrf_client.post(reverse("enquiries:contact"), {}, **https)
    expected = {"bad host": 400, "wrong method": 405, "too many fields": 400, "refused form": 403}
    for name, response in responses.items():
        assert response.status_code == expected[name], name
        assert_common_headers(response)
        assert response["X-Frame-Options"] == "DENY", name


def test_a_refused_form_gets_the_sites_own_page_saying_nothing_was_saved(db, https):
    client = client_class(enforce_csrf_checks=True)
    response = client.post(reverse("enquiries:contact"), {"name": "Sam"}, **https)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Sorry, your form was not sent" in html
    assert "nothing was saved" in html
    # Going back keeps what they typed; reloading first would lose it.
    assert "Copy it before you reload the page" in html
    assert 'class="site-header"' in html
    assert "Samaritans" in html
    assert "CSRF" not in html
