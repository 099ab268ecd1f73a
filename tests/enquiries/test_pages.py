import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags

from tests.factories import make_modality, make_therapist

pytestmark = pytest.mark.django_db

CONTACT = reverse("enquiries:contact")


def test_contact_page_is_never_cached(client):
    response = client.get(CONTACT)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_contact_page_offers_only_listed_therapists(client):
    make_therapist("Visible Vera")
    make_therapist("Hidden Harry", is_active=False)

    html = client.get(CONTACT).content.decode()

    assert "Visible Vera" in html
    assert "Hidden Harry" not in html


def test_contact_about_a_therapist_names_them_and_preselects_them(client):
    therapist = make_therapist("Priya Shah")

    response = client.get(CONTACT, {"therapist": therapist.slug})

    html = response.content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert " ".join(strip_tags(heading).split()) == "Get in touch with Priya Shah"
    assert f'<option value="{therapist.pk}" selected>' in html


def test_therapist_not_taking_clients_is_explained(client):
    therapist = make_therapist("Full Fiona", accepting_new_clients=False)

    html = client.get(CONTACT, {"therapist": therapist.slug}).content.decode()

    assert "Full Fiona is not taking new clients at the moment" in html


def test_modality_can_be_preselected(client):
    modality = make_modality("Psychodynamic")

    html = client.get(CONTACT, {"modality": modality.slug}).content.decode()

    assert f'<option value="{modality.pk}" selected>Psychodynamic</option>' in html


@pytest.mark.parametrize("slug", ["no-such-person", "hidden-harry", "x" * 500, "%00", "' OR 1=1"])
def test_unknown_or_hidden_therapist_is_ignored(client, slug):
    make_therapist("Hidden Harry", is_active=False)

    response = client.get(CONTACT, {"therapist": slug, "modality": slug})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Help me find a therapist</h1>" in html
    therapist_choices = html.split('id="id_preferred_therapist"')[1].split("</select>")[0]
    assert '<option value="" selected>' in therapist_choices


def test_contact_page_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    for n in range(5):
        make_therapist(f"Therapist {n}")
        make_modality(f"Approach {n}")
    # A running site has read its menus once since the last change (pages/menu.py).
    client.get(CONTACT, {"therapist": "therapist-1"})
    with django_assert_num_queries(
        4
    ):  # the chosen therapist, anyone accepting, the approaches, the therapists
        client.get(CONTACT, {"therapist": "therapist-1"})
    for n in range(5, 50):
        make_therapist(f"Therapist {n}")
        make_modality(f"Approach {n}")
    client.get(CONTACT, {"therapist": "therapist-1"})
    with django_assert_num_queries(4):
        client.get(CONTACT, {"therapist": "therapist-1"})


def test_privacy_notice_says_what_why_how_long_and_who_to_ask(client, settings):
    settings.ENQUIRY_RETENTION_DAYS = 90

    response = client.get(reverse("enquiries:privacy"))

    html = response.content.decode()
    assert response.status_code == 200
    for heading in ["What we collect", "Why we collect it", "How long we keep it", "Your rights"]:
        assert heading in html
    assert "90 days after it arrives" in html
    assert settings.PRACTICE["email"] in html
    assert "never contain your name, contact details or message" in html
    for right in ["access", "erasure", "rectification"]:
        assert right in html


def test_confirmation_page_says_what_happens_next(client):
    html = client.get(reverse("enquiries:thanks")).content.decode()

    assert "We reply within two working days" in html
    assert "999" in html
    assert "Samaritans" in html


def test_each_visitor_gets_a_form_with_their_own_working_csrf_token(valid_data):
    """The contact page is never served from the page cache: a cached copy would carry another
    visitor's CSRF token and every enquiry sent from it would be refused."""
    for name in ["First Visitor", "Second Visitor"]:
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(CONTACT)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())

        response = visitor.post(
            CONTACT, valid_data | {"name": name, "csrfmiddlewaretoken": token.group(1)}
        )

        assert response.status_code == 302, name


def test_sitemap_lists_the_contact_page_and_privacy_notice(client):
    xml = client.get("/sitemap.xml").content.decode()

    assert f"{CONTACT}</loc>" in xml
    assert f"{reverse('enquiries:privacy')}</loc>" in xml
    assert reverse("enquiries:thanks") not in xml
