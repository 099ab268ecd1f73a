import json
import re

import pytest
from django.urls import reverse

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_home_page_introduces_the_practice_and_leads_to_the_directory(client, practice, settings):
    html = client.get(reverse("home")).text
    assert settings.PRACTICE["name"] in html
    assert f'<a href="{practice["cbt"].get_absolute_url()}">CBT</a>' in html
    assert f'class="button" href="{reverse("therapists:directory")}"' in html
    assert '"@type":"MedicalBusiness"' in html


def test_home_page_shows_therapists_accepting_new_clients(client, practice):
    html = client.get(reverse("home")).text
    assert "Ada Lovelace" in html
    assert "Ben Nowak" not in html  # waiting list


def test_home_page_shows_the_three_most_recent_published_articles(client, db):
    for days in (1, 2, 3, 4):
        make_article(f"Article from {days} days ago", days_ago=days)
    make_article("A draft", published=False)
    html = client.get(reverse("home")).text
    assert "Article from 1 days ago" in html
    assert "Article from 3 days ago" in html
    assert "Article from 4 days ago" not in html
    assert "A draft" not in html


def test_search_engines_get_the_opening_hours_in_schema_org_format(client, db, settings):
    settings.PRACTICE = {**settings.PRACTICE, "opening_hours": "Mo-Fr 09:00-18:00"}
    html = client.get(reverse("home")).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(script.group(1))["openingHours"] == "Mo-Fr 09:00-18:00"
