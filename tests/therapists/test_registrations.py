"""Registrations visitors can check: the profile says where, at what level, with which number
and when staff last checked it; staff re-check them every REGISTRATION_RECHECK_MONTHS."""

from datetime import date, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from core import dates
from tests.factories import make_staff_user, make_therapist
from therapists.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_staff_user(is_superuser=True))
    return client


def register(therapist, checked_on=None, number="012345", **fields):
    fields.setdefault("body", "BACP")
    fields.setdefault("level", "MBACP (Accred)")
    fields.setdefault("register_url", "https://www.bacp.co.uk/search/Register")
    return Membership.objects.create(
        therapist=therapist, registration_number=number, checked_on=checked_on, **fields
    )


def months_ago(months):
    return dates.add_months(dates.today(), -months)


def test_the_profile_shows_the_registration_and_when_it_was_checked(client):
    ada = make_therapist("Ada Lovelace")
    register(ada, checked_on=date(2026, 11, 3))
    html = " ".join(client.get(ada.get_absolute_url()).text.split())
    assert "Registered with BACP (MBACP (Accred)), no.&nbsp;012345" in html
    assert 'checked <time datetime="2026-11-03">3 November 2026</time>' in html
    assert "view on the BACP register</a>" in html


def test_an_unchecked_registration_does_not_claim_to_be_checked(client):
    ada = make_therapist("Ada Lovelace")
    register(ada)
    html = client.get(ada.get_absolute_url()).text
    assert "Registered with BACP" in html
    assert "checked <time" not in html


def test_a_registration_unchecked_for_13_months_is_listed_for_re_checking(admin_client):
    register(make_therapist("Old Olga"), checked_on=months_ago(13), number="OLD-1")
    register(make_therapist("Recent Rita"), checked_on=months_ago(11), number="NEW-2")
    register(make_therapist("Never Ned"), number="NEVER-3")
    register(make_therapist("Hidden Hal", is_active=False), number="HIDDEN-4")

    html = admin_client.get(reverse("admin:therapists_registrationcheck_changelist")).text
    assert "Old Olga" in html
    assert "Never Ned" in html
    assert "Recent Rita" not in html
    assert "Hidden Hal" not in html
    assert "Registrations to re-check (2)" in admin_client.get(reverse("admin:index")).text


def test_checked_today_records_the_check_in_the_therapists_history(admin_client):
    olga = make_therapist("Old Olga")
    membership = register(olga, checked_on=months_ago(13))
    url = reverse("admin:therapists_registrationcheck_answer", args=[membership.pk, "checked"])

    assert admin_client.post(url).status_code == 302

    membership.refresh_from_db()
    assert membership.checked_on == dates.today()
    entry = LogEntry.objects.get(object_id=str(olga.pk))
    assert "Checked the BACP registration" in entry.get_change_message()
    assert "Registrations to re-check (0)" in admin_client.get(reverse("admin:index")).text


def test_a_listed_therapist_without_a_checked_registration_is_flagged(admin_client):
    register(make_therapist("Checked Chloe"), checked_on=dates.today() - timedelta(days=5))
    make_therapist("Unregistered Una")
    url = reverse("admin:therapists_therapist_changelist")

    flagged = admin_client.get(url + "?registration=unchecked").text
    assert "Unregistered Una" in flagged
    assert "Checked Chloe" not in flagged
    assert "⚠ not checked" in flagged
