"""With ADMIN_REQUIRE_2FA on, staff without an authenticator app are told so at sign-in.

django-otp's own answer, "Please select a device." with no device to select, left a new staff
member with nothing to go on.
"""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_staff_user

PASSWORD = "a-long-test-password-123"
NO_DEVICE = "This account has no authenticator app set up yet"


@pytest.fixture
def two_factor(settings):
    settings.ADMIN_REQUIRE_2FA = True


@pytest.fixture
def newcomer(db):
    return make_staff_user("robin", password=PASSWORD)


def sign_in(client, password=PASSWORD, **extra):
    return client.post(reverse("admin:login"), {"username": "robin", "password": password, **extra})


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.parametrize("code", ["123456", ""])
def test_staff_without_an_authenticator_app_are_told_what_to_do(client, newcomer, two_factor, code):
    response = sign_in(client, otp_token=code)
    assert response.status_code == 200
    page = response.content.decode()
    assert NO_DEVICE in page
    assert "Ask the practice&#x27;s administrator to set one up for you" in page
    assert "Please select a device" not in page
    assert "Please enter your OTP token" not in page
    assert PASSWORD not in page
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_device_never_confirmed_does_not_count(client, newcomer, two_factor):
    TOTPDevice.objects.create(user=newcomer, name="Phone", confirmed=False)
    assert NO_DEVICE in sign_in(client, otp_token="123456").content.decode()


def test_a_wrong_password_says_nothing_about_devices(client, newcomer, two_factor):
    page = sign_in(client, password="not-the-password", otp_token="123456").content.decode()
    assert NO_DEVICE not in page
    assert "Please enter the correct username and password" in page


def test_with_a_device_a_wrong_code_keeps_django_otps_message(client, newcomer, two_factor):
    device = TOTPDevice.objects.create(user=newcomer, name="Phone")
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    page = sign_in(client, otp_token=wrong).content.decode()
    assert NO_DEVICE not in page
    assert "Invalid token" in page


def test_once_a_device_is_set_up_its_code_signs_in(client, newcomer, two_factor):
    assert NO_DEVICE in sign_in(client, otp_token="123456").content.decode()
    device = TOTPDevice.objects.create(user=newcomer, name="Phone")
    response = sign_in(client, otp_token=current_code(device))
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
