"""Visitors reach the enquiry form from the places they decide to get in touch."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_article, make_therapist

pytestmark = pytest.mark.django_db

CONTACT = reverse("enquiries:contact")
CHOOSE = reverse("therapists:choose")


def test_article_call_to_action_offers_help_finding_a_therapist(client):
    article = make_article("Coping and healing")

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'<a href="{CONTACT}">ask us to help you find a therapist</a>' in html
    assert f'<a href="{CHOOSE}">Answer a few questions</a>' in html


def test_header_links_to_the_contact_page(client):
    html = client.get(reverse("enquiries:privacy")).content.decode()

    assert f'href="{CONTACT}"' in html.split("</header>")[0]


def test_profile_offers_to_get_in_touch_with_that_therapist(client):
    therapist = make_therapist("Priya Shah")

    html = client.get(therapist.get_absolute_url()).content.decode()

    link = f'href="{CONTACT}?therapist=priya-shah"'
    assert link in html
    assert re.search(rf"<a [^>]*{re.escape(link)}>Get in touch with Priya Shah</a>", html)


def test_directory_offers_help_choosing_near_the_results(client):
    make_therapist("Priya Shah")

    html = client.get(reverse("therapists:directory")).content.decode()

    results = html.split('id="results-heading"')[1]
    assert f'<a href="{CONTACT}">ask us to help you find a therapist</a>' in results
    assert f'<a href="{CHOOSE}">Answer a few questions</a>' in results


def test_home_page_links_to_help_me_choose(client):
    html = client.get(reverse("home")).content.decode()

    assert f'<a href="{CHOOSE}">Help me choose</a>' in html
