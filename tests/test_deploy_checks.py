"""`manage.py check --deploy` warns about settings that would fail silently in production."""

import pytest
from django.core.checks import run_checks
from django.test import override_settings

CONFIGURED = {
    "DEBUG": False,
    "SITE_URL": "https://www.smarttherapy.example",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "ADMIN_REQUIRE_2FA": True,
}


def our_warnings(deploy=True):
    return sorted(
        message.id
        for message in run_checks(include_deployment_checks=deploy)
        if message.id.startswith("core.")
    )


def test_a_configured_production_site_gets_no_warning():
    with override_settings(**CONFIGURED):
        assert our_warnings() == []


@pytest.mark.parametrize(
    "site_url",
    [
        "http://127.0.0.1:8000",
        "https://localhost",
        "https://127.0.0.1",
        "https://[::1]:8443",
        "http://www.smarttherapy.example",
    ],
)
def test_a_loopback_or_plain_http_site_url_is_warned_about(site_url):
    with override_settings(**{**CONFIGURED, "SITE_URL": site_url}):
        assert our_warnings() == ["core.W001"]


@pytest.mark.parametrize("backend", ["console", "locmem"])
def test_email_that_goes_nowhere_is_warned_about(backend):
    email_backend = f"django.core.mail.backends.{backend}.EmailBackend"
    with override_settings(**{**CONFIGURED, "EMAIL_BACKEND": email_backend}):
        assert our_warnings() == ["core.W002"]


def test_the_defaults_get_both_warnings_and_say_what_to_set():
    with override_settings(
        DEBUG=False,
        ADMIN_REQUIRE_2FA=True,
        SITE_URL="http://127.0.0.1:8000",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    ):
        messages = [m for m in run_checks(include_deployment_checks=True) if m.id in {
            "core.W001", "core.W002"
        }]  # fmt: skip
        assert our_warnings() == ["core.W001", "core.W002"]
    hints = " ".join(message.hint for message in messages)
    assert "SITE_URL" in hints and "EMAIL_URL" in hints


def test_staff_sign_in_without_a_second_factor_is_warned_about():
    with override_settings(**{**CONFIGURED, "ADMIN_REQUIRE_2FA": False}):
        assert our_warnings() == ["core.W003"]


def test_no_warning_with_debug_on_or_without_deploy():
    defaults = {"SITE_URL": "http://127.0.0.1:8000", "EMAIL_BACKEND": "x.console.EmailBackend"}
    with override_settings(DEBUG=True, **defaults):
        assert our_warnings() == []
    with override_settings(DEBUG=False, SITE_URL="http://127.0.0.1:8000"):
        assert our_warnings(deploy=False) == []


@pytest.mark.parametrize(
    "neutral",
    ["website@smarttherapy.example", "appointments@smart-therapy.example", "SmartTherapy@x.org"],
)
def test_a_discreet_sender_that_names_the_practice_is_warned_about(neutral):
    with override_settings(
        **CONFIGURED, DEFAULT_FROM_EMAIL="website@smarttherapy.example", NEUTRAL_FROM_EMAIL=neutral
    ):
        (warning,) = [
            m for m in run_checks(include_deployment_checks=True) if m.id == "enquiries.W001"
        ]
    assert "NEUTRAL_FROM_EMAIL" in warning.msg and "NEUTRAL_FROM_EMAIL" in warning.hint


def test_a_discreet_sender_of_its_own_gets_no_warning():
    with override_settings(**CONFIGURED, NEUTRAL_FROM_EMAIL="appointments@mail.example"):
        ids = [m.id for m in run_checks(include_deployment_checks=True)]
    assert "enquiries.W001" not in ids
