"""The first step, spelled out on the profile; fields left empty are simply not shown."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_therapist

pytestmark = pytest.mark.django_db


def test_a_profile_spells_out_the_first_step_sessions_and_access(client):
    ada = make_therapist(
        "Ada Lovelace",
        first_step="call",
        first_step_minutes=15,
        session_minutes=50,
        session_frequency="Weekly",
        works_with_young_people=True,
        young_people_ages="12 to 17",
        works_with_families=True,
        offers_in_person=True,
        access_step_free=True,
        access_hearing_loop=True,
    )
    html = client.get(ada.get_absolute_url()).text
    assert "<dt>First step</dt><dd>A free 15-minute call</dd>" in html
    assert "<dt>Session length</dt><dd>50 minutes</dd>" in html
    assert "<dt>How often</dt><dd>Weekly</dd>" in html
    assert "Adults, families, young people (12 to 17)" in html
    assert "<dt>Access to the room</dt><dd>Step-free access, hearing loop</dd>" in html


def test_a_first_session_with_its_price(client):
    ada = make_therapist(
        "Ada Lovelace", first_step="session", first_step_minutes=60, first_step_fee=45
    )
    assert "A first session (60 minutes, £45)" in client.get(ada.get_absolute_url()).text


def test_empty_first_step_fields_are_not_shown(client):
    ada = make_therapist("Ada Lovelace", offers_in_person=False, access_step_free=True)
    html = client.get(ada.get_absolute_url()).text
    for label in ("First step", "Session length", "How often", "Access to the room"):
        assert label not in html


def test_the_directory_filters_by_reduced_fee_places_and_who_they_work_with(client):
    make_therapist("Reduced Rae", reduced_fee_places=True)
    make_therapist("Couples Cal", works_with_couples=True)
    make_therapist("Families Fay", works_with_families=True, works_with_adults=False)
    directory = reverse("therapists:directory")

    reduced = client.get(directory + "?reduced_fee=1").text
    assert "Reduced Rae" in reduced
    assert "Couples Cal" not in reduced
    assert "Reduced-fee places" in reduced  # its removable chip

    families = client.get(directory + "?works_with=families").text
    assert "Families Fay" in families
    assert "Couples Cal" not in families
    assert "For: Families" in families

    adults = client.get(directory + "?works_with=adults").text
    assert "Families Fay" not in adults
    assert "Reduced Rae" in adults


def test_an_unknown_client_group_is_ignored_not_an_error(client):
    make_therapist("Ada Lovelace")
    response = client.get(reverse("therapists:directory") + "?works_with=pets")
    assert response.status_code == 200
    assert "Ada Lovelace" in response.text


def test_get_in_touch_offers_the_first_step_the_therapist_offers(client):
    make_therapist(
        "Zofia Nowak",
        first_step="call",
        first_step_minutes=20,
        accepting_new_clients=True,
        availability_confirmed_at=timezone.now(),
    )

    html = client.get(reverse("therapists:profile", kwargs={"slug": "zofia-nowak"})).text

    section = html[html.index('id="get-in-touch"') :]
    assert (
        " ".join(section.split()).count("To ask a question or arrange a free 20-minute call,") == 1
    )
