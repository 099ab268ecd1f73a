"""'Accepting new clients' is never stale: it counts for AVAILABILITY_CONFIRM_DAYS after staff
last confirmed it, and then the site says 'Ask about availability' until they confirm again."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_staff_user, make_therapist
from therapists.models import Therapist

pytestmark = pytest.mark.django_db


def shown(response):
    """The page's text as a browser lays it out: templates may wrap a line anywhere."""
    return " ".join(response.text.split())


def confirmed(days=0, seconds=0):
    return timezone.now() - timedelta(days=days, seconds=seconds)


def directory(client, query=""):
    return client.get(reverse("therapists:directory") + query).text


@pytest.fixture
def admin_client(client):
    user = make_staff_user(is_superuser=True)
    client.force_login(user)
    return client


def test_a_new_therapist_ticked_as_accepting_is_confirmed_today(client):
    therapist = make_therapist("Ada Lovelace")
    html = shown(client.get(therapist.get_absolute_url()))
    assert "Accepting new clients" in html
    assert "confirmed today" in html


def test_the_profile_and_card_say_how_long_ago_availability_was_confirmed(client):
    therapist = make_therapist("Ada Lovelace", availability_confirmed_at=confirmed(days=3))
    assert "confirmed 3 days ago" in shown(client.get(therapist.get_absolute_url()))
    assert "confirmed 3 days ago" in " ".join(directory(client).split())


def test_availability_unconfirmed_for_31_days_leaves_the_accepting_filter(client):
    make_therapist("Fresh Fran", availability_confirmed_at=confirmed(days=29))
    make_therapist("Stale Sam", availability_confirmed_at=confirmed(days=31))

    accepting = directory(client, "?accepting=1")
    assert "Fresh Fran" in accepting
    assert "Stale Sam" not in accepting
    # Still listed without the filter, but no longer said to be accepting.
    everyone = directory(client)
    assert "Stale Sam" in everyone
    assert "Ask about availability" in everyone


def test_a_stale_profile_says_ask_about_availability_and_the_home_page_leaves_it_out(client):
    stale = make_therapist("Stale Sam", availability_confirmed_at=confirmed(days=31))
    html = client.get(stale.get_absolute_url()).text
    assert "Ask about availability" in html
    assert "Accepting new clients" not in html
    assert "Stale Sam" not in client.get(reverse("home")).text


def test_the_setting_changes_how_long_a_confirmation_counts(client, settings):
    settings.AVAILABILITY_CONFIRM_DAYS = 7
    make_therapist("Stale Sam", availability_confirmed_at=confirmed(days=8))
    assert "Stale Sam" not in directory(client, "?accepting=1")


def test_the_page_cache_shows_the_change_on_time(client, settings, clock):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    therapist = make_therapist(
        "Ada Lovelace", availability_confirmed_at=confirmed(days=30, seconds=-60)
    )
    url = therapist.get_absolute_url()
    client.get(url)
    cached = client.get(url)
    assert cached["X-Cache"] == "HIT"
    assert "Accepting new clients" in cached.text

    clock.advance(61)

    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Ask about availability" in response.text
    cache.clear()


def test_staff_see_stale_availability_in_a_list_with_a_count_on_the_index(admin_client):
    make_therapist("Fresh Fran", availability_confirmed_at=confirmed(days=2))
    make_therapist("Stale Sam", availability_confirmed_at=confirmed(days=40))
    make_therapist("Waiting Will", accepting_new_clients=False)

    listing = admin_client.get(reverse("admin:therapists_availabilitycheck_changelist")).text
    assert "Stale Sam" in listing
    assert "Fresh Fran" not in listing
    assert "Waiting Will" not in listing
    assert "Availability to confirm (1)" in admin_client.get(reverse("admin:index")).text


@pytest.mark.parametrize(
    ("answer", "accepting", "shown", "note"),
    [
        ("accepting", True, "Accepting new clients", "Confirmed still accepting new clients."),
        ("not-accepting", False, "Waiting list", "Confirmed not accepting new clients"),
    ],
)
def test_one_click_answers_availability_and_records_it_in_the_history(
    admin_client, answer, accepting, shown, note
):
    stale = make_therapist("Stale Sam", availability_confirmed_at=confirmed(days=40))
    url = reverse("admin:therapists_availabilitycheck_answer", args=[stale.pk, answer])

    response = admin_client.post(url)

    assert response.status_code == 302
    stale.refresh_from_db()
    assert stale.accepting_new_clients is accepting
    assert timezone.now() - stale.availability_confirmed_at < timedelta(minutes=1)
    assert shown in admin_client.get(stale.get_absolute_url()).text
    entry = LogEntry.objects.get(object_id=str(stale.pk))
    assert entry.get_change_message().startswith(note)
    assert entry.content_type.model_class() is Therapist


def test_the_answer_buttons_only_accept_a_post(admin_client):
    stale = make_therapist("Stale Sam", availability_confirmed_at=confirmed(days=40))
    url = reverse("admin:therapists_availabilitycheck_answer", args=[stale.pk, "accepting"])
    assert admin_client.get(url).status_code == 405
    stale.refresh_from_db()
    assert stale.availability() == "ask"


def test_ticking_accepting_in_the_admin_confirms_it(admin_client):
    waiting = make_therapist("Will Wait", accepting_new_clients=False)
    url = reverse("admin:therapists_therapist_changelist")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(waiting.pk),
        "form-0-accepting_new_clients": "on",
        "form-0-display_order": "0",
        "_save": "Save",
    }
    assert admin_client.post(url, data).status_code == 302
    waiting.refresh_from_db()
    assert waiting.availability() == "accepting"
