"""A search that suggests someone may be at risk shows the crisis box first, in calm words."""

import pytest
from django.urls import reverse

from search.care import suggests_risk
from tests.search.conftest import main_html

RISKY = [
    "suicide",
    "Suicidal thoughts",
    "sucide",
    "suicde help",
    "kill myself",
    "I want to KILL MYSELF",
    "killing myself",
    "self harm",
    "self-harm",
    "selfharm",
    "self harming",
    "hurting myself",
    "overdose",
    "overdosed last night",
    "want to die",
    "i just wanna die",
    "I don't want to live anymore",
    "dont want to be alive",
    "end my life",
    "ending it all",
    "better off dead",
    "take my own life",
]
NOT_RISKY = [
    "",
    "anxiety",
    "CBT",
    "Amelia Hart",
    "coping with grief",
    "self esteem",
    "self-compassion",
    "diet",
    "killer whales",
    "studio",
    "doses of medication",
    "harmony",
]


@pytest.mark.parametrize("text", RISKY)
def test_risk_terms_and_close_variants_are_recognised(text):
    assert suggests_risk(text)


@pytest.mark.parametrize("text", NOT_RISKY)
def test_ordinary_searches_are_not_taken_for_risk(text):
    assert not suggests_risk(text)


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["suicide", "kill myself", "self harm CBT"])
def test_a_risk_query_shows_the_crisis_box_first_above_any_results(client, site, q):
    html = main_html(client.get(reverse("search"), {"q": q}))
    care = html.index('class="search-care"')
    assert "you do not have to go through this alone" in html
    assert "Samaritans" in html[care:] and "116 123" in html[care:]
    for later in ('class="search-summary"', "Nothing found", "search-group-"):
        if later in html:
            assert html.index(later) > care


@pytest.mark.django_db
def test_an_ordinary_query_shows_no_crisis_box(client, site):
    html = main_html(client.get(reverse("search"), {"q": "CBT"}))
    assert 'class="search-care"' not in html


def test_the_risk_words_are_the_sites_and_search_only_matches_them(settings, tmp_path, monkeypatch):
    """search/ names no word list of its own: the setting hands it the site's module."""
    module = tmp_path / "other_site_words.py"
    module.write_text("PHRASES = ('lost at sea',)\nSTEMS = ()\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    settings.SEARCH_RISK_WORDS = "other_site_words"
    assert suggests_risk("lost at sae")
    assert not suggests_risk("kill myself")
