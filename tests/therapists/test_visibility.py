"""An inactive therapist is shown nowhere on the public site."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(practice):
    cara = practice["cara"]
    cara.is_active = False
    cara.save()
    return cara


def test_inactive_therapist_is_not_in_the_directory_even_when_filtered_for(client, hidden):
    for query in ({}, {"modality": "integrative"}, {"concern": "grief"}, {"accepting": "1"}):
        response = client.get(reverse("therapists:directory"), query)
        assert "Cara Jones" not in response.text
    assert "2 therapists" in client.get(reverse("therapists:directory")).text


def test_inactive_therapist_profile_is_not_found(client, hidden):
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_inactive_therapist_is_not_on_modality_pages(client, hidden, practice):
    assert "Cara Jones" not in client.get(practice["integrative"].get_absolute_url()).text


def test_inactive_therapist_is_not_on_the_home_page(client, hidden):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Cara Jones" not in response.text


def test_inactive_therapist_is_not_in_the_sitemap(client, hidden, practice):
    xml = client.get("/sitemap.xml").text
    assert hidden.get_absolute_url() not in xml
    assert practice["ada"].get_absolute_url() in xml
    assert practice["cbt"].get_absolute_url() in xml
    assert f"{reverse('therapists:modalities')}<" in xml
    assert f"{reverse('therapists:directory')}<" in xml
