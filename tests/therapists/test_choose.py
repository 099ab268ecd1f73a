"""'Help me choose': plain questions whose GET ends on the directory, filtered, with a line on
each card saying why the therapist matches; nearest matches when nobody matches everything."""

import re

import pytest
from django.urls import reverse

from therapists.models import Therapist

CHOOSE = reverse("therapists:choose")
DIRECTORY = reverse("therapists:directory")


def cards(html):
    """(name, why-line) for each card on the page."""
    found = []
    for card in re.findall(r'<article class="card therapist-card">(.*?)</article>', html, re.S):
        name = re.search(r'<a href="[^"]+">([^<]+)</a>', card).group(1)
        why = re.search(r"Why they match:</span> ([^<]+)</p>", card)
        found.append((name, why.group(1).strip() if why else None))
    return found


def test_the_questions_are_one_plain_page_not_indexed_and_not_an_assessment(client, practice):
    response = client.get(CHOOSE)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex, follow">' in html
    assert f'method="get" action="{DIRECTORY}#results"' in html
    assert "<script" not in html
    assert "This is not an assessment" in html
    assert "116 123" in html and "999" in html  # crisis numbers beside it
    for question in (
        "What brings you here?",
        "How would you like to meet?",
        "Is there an approach you would prefer?",
        "Which language would you like to speak?",
        "Does anything else matter?",
    ):
        assert question in html
    # Each approach has its one line of explanation and a link to its page.
    assert "What CBT is, in a sentence." in html
    assert practice["cbt"].get_absolute_url() in html
    assert "Not sure: help me" in html


def test_answers_are_never_posted(client, practice):
    assert client.post(CHOOSE, {"concern": "anxiety"}).status_code == 405


def test_the_answers_end_on_the_directory_with_a_reason_on_each_card(client, practice):
    response = client.get(
        DIRECTORY,
        {"concern": "anxiety", "format": "telephone", "language": "polish", "guided": "1"},
    )

    html = response.content.decode()
    assert cards(html) == [("Ben Nowak", "Works with anxiety · Telephone · Speaks Polish")]
    assert '<meta name="robots" content="noindex, follow">' in html
    assert "Change your answers" in html


def test_changing_the_answers_shows_them_chosen_again(client, practice):
    html = client.get(CHOOSE, {"concern": "grief", "format": "online", "evenings": "1"}).content
    html = html.decode()

    assert re.search(r'<input[^>]*value="grief"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="online"[^>]*checked', html)
    assert re.search(r'<input[^>]*name="evenings"[^>]*checked', html)


def test_reduced_fee_and_evenings_narrow_the_directory(client, practice):
    Therapist.objects.filter(pk=practice["cara"].pk).update(
        offers_evenings=True, reduced_fee_places=True
    )
    Therapist.objects.filter(pk=practice["ada"].pk).update(reduced_fee_places=True)

    both = cards(client.get(DIRECTORY, {"reduced_fee": "1", "evenings": "1"}).content.decode())
    fee = cards(client.get(DIRECTORY, {"reduced_fee": "1"}).content.decode())

    assert both == [("Cara Jones", "Reduced-fee places · Evening sessions")]
    assert [name for name, _ in fee] == ["Ada Lovelace", "Cara Jones"]


def test_when_nobody_matches_it_says_which_answer_to_relax_and_shows_the_nearest(client, practice):
    # Nobody offers in-person sessions in Polish for anxiety.
    response = client.get(
        DIRECTORY, {"concern": "anxiety", "format": "in-person", "language": "polish"}
    )

    html = " ".join(response.content.decode().split())  # words as read, not as wrapped
    assert "No therapists match all of these filters." in html
    assert "leave out “In person”</a> and 1 therapist matches everything else" in html
    assert "Leave out “Speaks Polish”</a>: 1 therapist" in html
    nearest = html.split("The nearest matches", 1)[1]
    assert cards(nearest) == [
        ("Ada Lovelace", "Works with anxiety · In person"),
        ("Ben Nowak", "Works with anxiety · Speaks Polish"),
        ("Cara Jones", "In person"),
    ]
    assert "Doesn’t match:</span> Speaks Polish" in nearest


def test_unknown_answers_in_a_hand_edited_address_are_left_unanswered(client, practice):
    response = client.get(CHOOSE, {"concern": "<script>", "format": "x" * 500, "language": "\x00"})

    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_the_questions_page_runs_three_queries(client, django_assert_num_queries):
    client.get(CHOOSE)  # a running site has read its menus once (pages/menu.py)
    with django_assert_num_queries(3):  # concerns, languages, approaches
        client.get(CHOOSE)
