"""The admin and its two-factor page use the practice's name from PRACTICE_NAME."""

import os
import subprocess
import sys
from binascii import unhexlify
from pathlib import Path

import pytest
from django.urls import reverse
from django_otp.oath import totp

from editing.two_factor import SESSION_KEY
from tests.factories import make_staff_user

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def calm_rooms(settings):
    settings.PRACTICE = {**settings.PRACTICE, "name": "Calm Rooms"}


def test_the_admin_is_headed_with_the_practice_name(client, db, calm_rooms):
    html = client.get(reverse("admin:login")).content.decode()

    assert "Calm Rooms administration" in html
    assert "<title>Log in | Calm Rooms admin</title>" in html
    assert "Smart Therapy" not in html


def test_a_wrong_code_says_to_look_for_the_practice_name_in_the_app(client, db, calm_rooms):
    client.force_login(make_staff_user("rowan"))
    client.get(reverse("admin:two_factor"))
    right = totp(unhexlify(client.session[SESSION_KEY]))
    wrong = f"{(right + 7) % 1_000_000:06d}"

    response = client.post(reverse("admin:two_factor"), {"name": "Phone", "code": wrong})

    assert "Check the app shows Calm Rooms, then try again." in response.content.decode()


def test_practice_name_names_the_authenticator_entry_too():
    code = (
        "from django.conf import settings; "
        "print(settings.OTP_TOTP_ISSUER, '|', settings.PRACTICE['name'])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": "x" * 50, "PRACTICE_NAME": "Calm Rooms"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "Calm Rooms | Calm Rooms", result.stderr
