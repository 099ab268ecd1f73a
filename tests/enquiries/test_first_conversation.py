"""Rough edges of the first conversation, found by a walk-through as a visitor and as staff
(issue 29 item 11): what is offered follows the therapist chosen, and staff see plain words."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from enquiries.models import Enquiry
from tests.factories import make_staff_user, make_therapist

pytestmark = pytest.mark.django_db

CONTACT = reverse("enquiries:contact")


def format_options(html):
    select = re.search(r'<select[^>]*name="preferred_format".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"', select)


@pytest.fixture
def remote_only():
    return make_therapist(
        "Daniel Okafor", offers_in_person=False, offers_online=True, offers_telephone=True
    )


def test_in_person_is_not_offered_for_a_therapist_who_works_only_remotely(client, remote_only):
    assert format_options(client.get(CONTACT, {"therapist": remote_only.slug}).text) == [
        "",
        "online",
        "telephone",
    ]
    assert format_options(client.get(CONTACT).text) == ["", "in_person", "online", "telephone"]


def test_asking_to_meet_in_person_a_therapist_who_does_not_says_what_they_offer(
    client, valid_data, remote_only
):
    data = valid_data | {"preferred_therapist": remote_only.pk, "preferred_format": "in_person"}

    response = client.post(CONTACT, data)

    assert response.status_code == 200
    assert "Daniel Okafor meets people online and by telephone only" in response.text
    assert not Enquiry.objects.exists()
    assert client.post(CONTACT, data | {"preferred_format": "online"}).status_code == 302


def test_the_thanks_page_speaks_of_the_therapist_chosen(client, valid_data, remote_only):
    chosen = client.post(CONTACT, valid_data | {"preferred_therapist": remote_only.pk}, follow=True)
    anyone = client.post(CONTACT, valid_data, follow=True)

    assert "a first step with Daniel Okafor" in " ".join(chosen.text.split())
    assert "which of our therapists might suit you" not in chosen.text
    assert "which of our therapists might suit you" in " ".join(anyone.text.split())


def test_the_owner_filter_lists_only_people_who_may_own_a_request(client):
    handlers = Group.objects.get(name="Enquiry handlers")
    robin = make_staff_user("robin", first_name="Robin", last_name="Hale")
    robin.groups.add(handlers)
    make_staff_user("editor", first_name="Eddie", last_name="Editor")
    client.force_login(robin)

    html = client.get(reverse("admin:enquiries_enquiry_changelist")).text

    owner_filter = re.search(r"By owner.*?</ul>", html, re.S).group(0)
    assert "Robin Hale" in owner_filter
    assert "Eddie" not in owner_filter and "editor" not in owner_filter
