"""Staff add an authenticator app on the admin's Two-factor page (QR code, then a code)."""

from binascii import unhexlify
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from editing.two_factor import SESSION_KEY
from tests.factories import make_staff_user


@pytest.fixture
def staff(db):
    return make_staff_user("nico")


@pytest.fixture
def signed_in(client, staff):
    client.force_login(staff)
    return client


def code_for(client, offset=0):
    key = unhexlify(client.session[SESSION_KEY])
    return f"{(totp(key) + offset) % 1_000_000:06d}"


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.styled, self.inline_scripts = set(), [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.styled += [tag for name, _ in attrs if name == "style"]
        if tag == "script" and not dict(attrs).get("src"):
            self.inline_scripts += 1


def test_the_page_shows_an_inline_qr_code_without_script_or_inline_style(signed_in):
    response = signed_in.get(reverse("admin:two_factor"))
    assert response.status_code == 200
    page = Tags()
    page.feed(response.content.decode())
    assert {"svg", "path"} <= page.tags
    assert page.inline_scripts == 0
    assert page.styled == []
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_admin_links_to_the_page(signed_in):
    response = signed_in.get(reverse("admin:index"))
    assert f'href="{reverse("admin:two_factor")}"'.encode() in response.content


def test_the_right_code_sets_up_the_device_and_then_it_signs_in(signed_in, staff, settings):
    signed_in.get(reverse("admin:two_factor"))
    response = signed_in.post(
        reverse("admin:two_factor"), {"name": "Work phone", "code": code_for(signed_in)}
    )
    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=staff)
    assert (device.name, device.confirmed) == ("Work phone", True)
    # This session is now verified, so the admin lets it in with 2FA required.
    settings.ADMIN_REQUIRE_2FA = True
    assert signed_in.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_stores_nothing(signed_in):
    signed_in.get(reverse("admin:two_factor"))
    response = signed_in.post(
        reverse("admin:two_factor"), {"name": "Phone", "code": code_for(signed_in, offset=7)}
    )
    assert response.status_code == 200
    assert b"does not match" in response.content
    assert not TOTPDevice.objects.exists()


def test_with_2fa_required_an_unverified_session_cannot_reach_the_page(signed_in, settings):
    settings.ADMIN_REQUIRE_2FA = True
    response = signed_in.get(reverse("admin:two_factor"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_visitors_cannot_reach_the_page(client, db):
    assert client.get(reverse("admin:two_factor")).status_code == 302
