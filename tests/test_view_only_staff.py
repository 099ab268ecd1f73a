"""Staff who may only view a page can open it in the admin: read-only, never an error page."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import (
    make_article,
    make_enquiry,
    make_modality,
    make_staff_user,
    make_therapist,
    make_topic,
)

pytestmark = pytest.mark.django_db


def _viewer(codename):
    viewer = make_staff_user("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename=codename))
    return viewer


@pytest.mark.parametrize(
    ("make", "admin_name", "codename"),
    [
        (lambda: make_article("Sleep"), "articles_article", "view_article"),
        (lambda: make_topic("Grief"), "articles_topic", "view_topic"),
        (lambda: make_therapist("Ada Lovelace"), "therapists_therapist", "view_therapist"),
        (lambda: make_modality("Person-centred"), "therapists_modality", "view_modality"),
    ],
)
def test_a_viewer_sees_a_content_page_read_only(client, make, admin_name, codename):
    page = make()
    client.force_login(_viewer(codename))

    response = client.get(reverse(f"admin:{admin_name}_change", args=[page.pk]))

    assert response.status_code == 200
    assert str(page) in response.text
    assert "Take this old address" not in response.text
    assert 'name="slug"' not in response.text


def test_a_viewer_sees_an_enquiry_whose_therapist_offers_a_call(client):
    therapist = make_therapist("Zofia Nowak", first_step="call", first_step_minutes=20)
    enquiry = make_enquiry("Alex Example", preferred_therapist=therapist, first_step="call")
    client.force_login(_viewer("view_enquiry"))

    response = client.get(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]))

    assert response.status_code == 200
    assert "Alex Example" in response.text
