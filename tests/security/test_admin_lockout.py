"""Brute force on the admin sign-in: five failures lock one username from one address."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core.client_ip import client_ip
from tests.factories import make_staff_user

PASSWORD = "a-long-test-password-123"


@pytest.fixture
def staff(db):
    return make_staff_user("robin", password=PASSWORD)


def sign_in(client, password, address="198.51.100.7", username="robin", **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def fail_five_times(client, **kwargs):
    for _ in range(4):
        response = sign_in(client, "wrong-password", **kwargs)
        assert response.status_code == 200  # the form again, with an error
    # The fifth failure locks the pair at once.
    assert sign_in(client, "wrong-password", **kwargs).status_code == 429


def test_five_failures_lock_that_username_from_that_address(client, staff):
    fail_five_times(client)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert b"Signing in is paused" in response.content
    assert "_auth_user_id" not in client.session


def test_four_failures_then_the_right_password_signs_in(client, staff):
    for _ in range(4):
        sign_in(client, "wrong-password")
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_a_locked_username_still_signs_in_from_another_address(client, staff):
    fail_five_times(client, address="198.51.100.7")
    assert sign_in(client, PASSWORD, address="198.51.100.7").status_code == 429
    response = sign_in(client, PASSWORD, address="203.0.113.20")
    assert response.status_code == 302


def test_other_usernames_from_the_locked_address_are_not_locked(client, staff):
    make_staff_user("kim", password=PASSWORD)
    fail_five_times(client)
    assert sign_in(client, PASSWORD, username="kim").status_code == 302


def test_lockout_ends_after_the_cool_off(client, staff):
    fail_five_times(client)
    assert sign_in(client, PASSWORD).status_code == 429
    # Thirty-one minutes later (the default cool-off is thirty):
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert sign_in(client, PASSWORD).status_code == 302


def test_forwarded_for_is_ignored_without_a_trusted_proxy(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(5):
        sign_in(client, "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    # Rotating a header anyone can send does not escape the lockout.
    response = sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_locked(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    fail_five_times(client, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.50")
    locked = sign_in(client, PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.50")
    assert locked.status_code == 429
    # A spoofed left-hand entry does not help: the proxy appended the real address last.
    spoofed = sign_in(
        client, PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.77, 192.0.2.50"
    )
    assert spoofed.status_code == 429
    # Another visitor behind the same proxy is not locked out.
    other = sign_in(client, PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.51")
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.2"),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),
        (2, "6.6.6.6, 192.0.2.1, 10.0.0.9", "192.0.2.1"),
        (2, "192.0.2.1", "10.0.0.2"),  # fewer entries than proxies: not trusted
        (1, "not-an-address", "10.0.0.2"),
        (1, "", "10.0.0.2"),
    ],
)
def test_client_address_counts_trusted_proxies_from_the_right(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
