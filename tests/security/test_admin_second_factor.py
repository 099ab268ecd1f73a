"""With ADMIN_REQUIRE_2FA on, staff need their authenticator app's code to use the admin."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_staff_user

PASSWORD = "a-long-test-password-123"


@pytest.fixture
def two_factor(settings):
    settings.ADMIN_REQUIRE_2FA = True


@pytest.fixture
def staff(db):
    return make_staff_user("morgan", password=PASSWORD, is_superuser=True)


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client, **extra):
    return client.post(
        reverse("admin:login"), {"username": "morgan", "password": PASSWORD, **extra}
    )


def test_the_sign_in_page_asks_for_a_one_time_code(client, db, two_factor):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert b'name="otp_token"' in response.content
    assert b'autocomplete="one-time-code"' in response.content


def test_password_alone_does_not_open_the_admin(client, staff, two_factor):
    TOTPDevice.objects.create(user=staff, name="phone")
    response = sign_in(client)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_wrong_code_does_not_open_the_admin(client, staff, two_factor):
    device = TOTPDevice.objects.create(user=staff, name="phone")
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = sign_in(client, otp_token=wrong)
    assert response.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302


def test_staff_without_a_verified_device_cannot_use_the_admin(client, staff, two_factor):
    # Signed in some other way (password only): the admin still treats them as not staff.
    client.force_login(staff)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 302
    assert index["Location"].startswith(reverse("admin:login"))
    change_list = client.get(reverse("admin:auth_user_changelist"))
    assert change_list.status_code == 302


def test_password_and_the_apps_code_open_the_admin(client, staff, two_factor):
    device = TOTPDevice.objects.create(user=staff, name="phone")
    response = sign_in(client, otp_token=current_code(device))
    assert response.status_code == 302
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert b"Site administration" in index.content or b"administration" in index.content


def test_without_the_setting_a_password_is_enough(client, staff, settings):
    settings.ADMIN_REQUIRE_2FA = False
    assert sign_in(client).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_command_makes_a_device_whose_codes_sign_in(client, staff, two_factor, capsys):
    call_command("add_totp_device", "morgan")
    output = capsys.readouterr().out
    device = TOTPDevice.objects.get(user=staff)
    assert device.confirmed
    assert "otpauth://totp/" in output
    assert sign_in(client, otp_token=current_code(device)).status_code == 302


def test_the_command_refuses_someone_who_is_not_staff(db):
    make_staff_user("visitor", is_staff=False)
    with pytest.raises(CommandError, match="not staff"):
        call_command("add_totp_device", "visitor")


@pytest.mark.parametrize(
    "password",
    ["short-Pw1!", "password1234", "qwertyuiop123", "123456789012345"],
)
def test_weak_staff_passwords_are_refused(staff, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=staff)


def test_a_long_uncommon_password_is_accepted(staff):
    validate_password("kettle-marigold-harbour-71", user=staff)


def test_staff_sessions_expire_after_the_idle_time(client, staff, settings):
    settings.SESSION_COOKIE_AGE = 1800
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    # Every request renews the session, so only idleness signs staff out.
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 1800
    session = Session.objects.get()
    assert timedelta(minutes=29) < session.expire_date - timezone.now() <= timedelta(minutes=30)
    # Thirty-one idle minutes later the session is over.
    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_someone_with_two_devices_picks_one_and_the_password_is_not_echoed(
    client, staff, two_factor
):
    phone = TOTPDevice.objects.create(user=staff, name="Phone")
    TOTPDevice.objects.create(user=staff, name="Tablet")
    first = sign_in(client, otp_token="000000")
    assert b'name="otp_device"' in first.content
    assert PASSWORD.encode() not in first.content
    response = sign_in(client, otp_token=current_code(phone), otp_device=phone.persistent_id)
    assert response.status_code == 302


def test_after_a_wrong_code_even_the_right_one_must_wait(client, staff, two_factor):
    device = TOTPDevice.objects.create(user=staff, name="phone")
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    sign_in(client, otp_token=wrong)
    response = sign_in(client, otp_token=current_code(device))
    assert response.status_code == 200
    assert b"temporarily disabled" in response.content
    assert client.get(reverse("admin:index")).status_code == 302
