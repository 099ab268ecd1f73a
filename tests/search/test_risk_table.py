"""The crisis box, table-driven (issue 24): risk phrases as people type them on a phone,
misspelled and indirect, show it first and never a "Did you mean"; ordinary searches that look
a little like them do not show it. Both through the matcher and through the page, on the
database the tests run on (SQLite or PostgreSQL)."""

import pytest
from django.urls import reverse

from search.care import suggests_risk
from tests.search.conftest import main_html

RISK = [
    # Spelled.
    "suicide",
    "suicidal thoughts",
    "kill myself",
    "I want to kill myself",
    "killing myself",
    "self harm",
    "self-harm",
    "self harming again",
    "hurting myself",
    "harm myself",
    "overdose",
    "overdosed on paracetamol",
    "want to die",
    "i just want to die",
    "end my life",
    "ending it all",
    "want to end it all",
    "take my own life",
    "better off dead",
    "everyone would be better off without me",
    "no reason to live",
    "nothing to live for",
    "I don't want to live anymore",
    "dont want to be alive",
    "don't want to be here anymore",
    "cutting myself",
    "cut my wrists",
    "took too many pills",
    "wish i was dead",
    "how to hang myself",
    "no point in living",
    "i cant go on",
    # Misspelled: an edit or two, letters swapped, spaces missing or added.
    "i want to kil myself",
    "kill myslef",
    "kil my self",
    "self harn",
    "slef harm",
    "self hram",
    "selfharm",
    "self harmimg",
    "killmyself",
    "iwanttodie",
    "want to dye",
    "wnat to die",
    "sucide",
    "suicde",
    "suiside",
    "sucidal",
    "over dose",
    "overdoes",
    "overdosing",
    "end my lfe",
    "take my own lfie",
    "better of dead",
    "hurtin myself",
    "hurt my self",
    "cuting myself",
    "no reason to liv",
    "nothin to live for",
    "ending my lif",
    "wanna die",
    "kms",
    # Indirect, mixed with other words.
    "self harm CBT",
    "therapist for suicidal feelings",
    "my friend is self harming",
]

ORDINARY = [
    "self-care",
    "self care tips",
    "self esteem",
    "self-compassion",
    "self help books",
    "killing time",
    "end of life care for my mother",
    "end of a relationship",
    "the end of my marriage",
    "dying parent",
    "my dad died last year",
    "bereavement",
    "grief after a death",
    "want to diet",
    "overdoing it at work",
    "overdue bills",
    "doses of medication",
    "harmony",
    "killer whales",
    "skill myself up",
    "studio",
    "suited to therapy",
    "hurt feelings",
    "hurting after a breakup",
    "putting myself first",
    "cut my hair",
    "cutting back on alcohol",
    "reasons to live well",
    "living with chronic pain",
    "live life to the full",
    "selfish partner",
    "self hate",
    "anxiety",
    "panic attacks",
    "low mood",
    "depression",
    "CBT",
    "cognitive behavioural therapy",
    "mindfulness",
    "Amelia Hart",
    "couples counselling",
    "therapist who speaks polish",
    "online therapy",
    "evening appointments",
    "reduced fee",
    "trauma",
    "PTSD",
    "burnout",
    "stress at work",
    "sleep problems",
    "eating disorder",
    "OCD",
    "anger",
    "loneliness",
    "my GP suggested counselling",
    "relationship problems with my partner",
    "coping strategies",
    "how much does therapy cost",
    "first session",
    "hearing loss",
    "over the moon",
    "dose of reality",
]


def test_the_tables_are_long_enough():
    assert len(RISK) >= 60 and len(ORDINARY) >= 60
    assert not set(RISK) & set(ORDINARY)


@pytest.mark.parametrize("q", RISK)
def test_risk_phrases_are_recognised_however_they_are_typed(q):
    assert suggests_risk(q)


@pytest.mark.parametrize("q", ORDINARY)
def test_ordinary_searches_are_not_taken_for_risk(q):
    assert not suggests_risk(q)


@pytest.mark.django_db
def test_every_risk_query_shows_the_crisis_box_first_and_no_suggestion(client, site):
    for q in RISK:
        html = main_html(client.get(reverse("search"), {"q": q}))
        assert 'class="search-care"' in html, q
        care = html.index('class="search-care"')
        for later in ('class="search-summary"', "Nothing found", "search-group-", "<h1"):
            if later in html:
                assert html.index(later) > care, (q, later)
        assert "Did you mean" not in html, q
        assert "Showing results for" not in html, q


@pytest.mark.django_db
def test_no_ordinary_query_shows_the_crisis_box(client, site):
    shown = [
        q
        for q in ORDINARY
        if 'class="search-care"' in main_html(client.get(reverse("search"), {"q": q}))
    ]
    assert shown == []
