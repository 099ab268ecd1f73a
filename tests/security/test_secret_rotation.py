"""Rotating SECRET_KEY with the old one in SECRET_KEY_FALLBACKS keeps staff signed in."""

from django.test import Client
from django.urls import reverse

from tests.factories import make_staff_user

OLD, NEW = "the-old-key-" + "o" * 40, "the-new-key-" + "n" * 40


def signed_in_client():
    client = Client()
    client.login(username="jules", password="a-long-test-password-123")
    return client


def test_sessions_survive_a_rotation_with_the_old_key_as_fallback(db, settings):
    settings.SECRET_KEY = OLD
    make_staff_user("jules", is_superuser=True)
    active, away = signed_in_client(), signed_in_client()
    assert active.get(reverse("admin:index")).status_code == 200

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW, [OLD]
    # Still signed in; the visit re-signs the session with the new key.
    assert active.get(reverse("admin:index")).status_code == 200

    settings.SECRET_KEY_FALLBACKS = []
    assert active.get(reverse("admin:index")).status_code == 200
    # A session not used while the old key was a fallback is signed out once it is dropped.
    response = away.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
