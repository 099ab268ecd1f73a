import json
import re

import pytest

from tests.factories import make_article
from therapists.models import Membership

pytestmark = pytest.mark.django_db


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_profile_shows_everything_about_the_therapist(client, practice):
    ben = practice["ben"]
    ben.pronouns = "he/him"
    ben.biography = "## How I work\n\nGently, and *at your pace*."
    ben.qualifications = "MA Psychotherapy\n\nDiploma in Counselling\n"
    ben.works_with_couples = True
    ben.fee = 60
    ben.reduced_fee_places = True
    ben.save()
    html = client.get(ben.get_absolute_url()).text
    assert "<h1>Ben Nowak</h1>" in html
    assert "he/him" in html
    assert ben.introduction in html
    assert '<h2 id="section-how-i-work">How I work</h2>' in html
    assert "<em>at your pace</em>" in html
    assert "<li>MA Psychotherapy</li><li>Diploma in Counselling</li>" in html
    assert f'<a href="{practice["cbt"].get_absolute_url()}">CBT</a>' in html
    assert f'<a href="{practice["integrative"].get_absolute_url()}">Integrative</a>' in html
    assert "<li>Anxiety</li><li>Grief</li>" in html
    assert "English, Polish" in html
    assert "Telephone" in html
    assert "Adults, couples" in html
    assert "£60 per session. Reduced-fee places available" in html
    assert "Waiting list" in html


def test_profile_links_to_the_public_register_without_leaking_the_opener(client, practice):
    Membership.objects.create(
        therapist=practice["ada"],
        body="BABCP",
        level="Accredited",
        registration_number="123456",
        register_url="https://www.cbtregisteruk.com/",
    )
    html = client.get(practice["ada"].get_absolute_url()).text
    text = " ".join(html.split())  # as a browser shows it: the template may wrap the line
    assert "Registered with BABCP (Accredited), no.&nbsp;123456" in text
    assert (
        '<a href="https://www.cbtregisteruk.com/" rel="noopener">view on the BABCP register</a>'
        in (html)
    )
    assert "target=" not in html


def test_profile_offers_the_practice_contact_details(client, practice, settings):
    html = client.get(practice["ada"].get_absolute_url()).text
    assert 'id="get-in-touch"' in html
    assert f'href="mailto:{settings.PRACTICE["email"]}"' in html
    assert settings.PRACTICE["hours"] in html


def test_profile_lists_only_the_therapists_published_articles(client, practice):
    ada = practice["ada"]
    make_article("Living with worry", author=ada)
    make_article("A draft about worry", author=ada, published=False)
    make_article("Scheduled for next week", author=ada, days_ago=-7)
    make_article("Someone else's article", author=practice["cara"])
    html = client.get(ada.get_absolute_url()).text
    assert "Articles by Ada Lovelace" in html
    assert "Living with worry" in html
    assert "A draft about worry" not in html
    assert "Scheduled for next week" not in html
    assert "Someone else" not in html


def test_profile_without_articles_has_no_empty_articles_section(client, practice):
    assert "Articles by" not in client.get(practice["cara"].get_absolute_url()).text


def test_profile_describes_the_therapist_as_a_person_working_for_the_practice(
    client, practice, settings
):
    ada = practice["ada"]
    page = json_ld(client.get(ada.get_absolute_url()).text)
    assert page["@type"] == "ProfilePage"
    data = page["mainEntity"]
    assert data["@type"] == "Person"
    assert data["name"] == "Ada Lovelace"
    assert data["jobTitle"] == ada.title
    assert data["url"] == f"{settings.SITE_URL}{ada.get_absolute_url()}"
    assert data["worksFor"]["name"] == settings.PRACTICE["name"]
    assert data["knowsLanguage"] == ["English"]


def test_an_unknown_profile_is_not_found(client, practice):
    assert client.get("/therapists/nobody-here/").status_code == 404
