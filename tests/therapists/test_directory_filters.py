import pytest
from django.urls import reverse

from tests.factories import make_therapist

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("therapists:directory")


def names(response):
    return [therapist.name for therapist in response.context["therapists"]]


def test_directory_lists_every_listed_therapist_in_display_order(client, practice):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert names(response) == ["Ada Lovelace", "Ben Nowak", "Cara Jones"]
    assert "3 therapists" in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"modality": "cbt"}, ["Ada Lovelace", "Ben Nowak"]),
        ({"modality": "integrative"}, ["Ben Nowak", "Cara Jones"]),
        ({"concern": "anxiety"}, ["Ada Lovelace", "Ben Nowak"]),
        ({"concern": "grief"}, ["Ben Nowak", "Cara Jones"]),
        ({"format": "in-person"}, ["Ada Lovelace", "Cara Jones"]),
        ({"format": "online"}, ["Ada Lovelace"]),
        ({"format": "telephone"}, ["Ben Nowak"]),
        ({"language": "polish"}, ["Ben Nowak"]),
        ({"language": "english"}, ["Ada Lovelace", "Ben Nowak", "Cara Jones"]),
        ({"accepting": "1"}, ["Ada Lovelace", "Cara Jones"]),
    ],
)
def test_each_filter_narrows_the_directory(client, practice, query, expected):
    assert names(client.get(DIRECTORY, query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"modality": "cbt", "concern": "grief"}, ["Ben Nowak"]),
        ({"modality": "cbt", "accepting": "1"}, ["Ada Lovelace"]),
        ({"modality": "integrative", "format": "in-person"}, ["Cara Jones"]),
        ({"concern": "anxiety", "language": "english", "format": "online"}, ["Ada Lovelace"]),
        ({"modality": "cbt", "concern": "grief", "language": "polish", "accepting": "1"}, []),
    ],
)
def test_combined_filters_narrow_together(client, practice, query, expected):
    assert names(client.get(DIRECTORY, query)) == expected


def test_a_therapist_matching_through_two_links_is_counted_once(client, practice):
    # Ben has two modalities and two concerns: joins must not repeat him.
    response = client.get(DIRECTORY, {"modality": "cbt", "concern": "anxiety"})
    assert names(response) == ["Ada Lovelace", "Ben Nowak"]
    assert "2 therapists" in response.text


def test_one_result_is_counted_in_the_singular(client, practice):
    assert "1 therapist<" in client.get(DIRECTORY, {"language": "polish"}).text


@pytest.mark.parametrize(
    "query",
    [
        {"modality": "no-such-thing"},
        {"concern": "<script>"},
        {"format": "carrier-pigeon"},
        {"language": "klingon"},
        {"modality": ["cbt", "nope"]},
        {"accepting": "yes-please"},
    ],
)
def test_unknown_filter_values_never_break_the_page(client, practice, query):
    response = client.get(DIRECTORY, query)
    assert response.status_code == 200


def test_an_unknown_value_is_ignored_and_the_other_filters_still_apply(client, practice):
    response = client.get(DIRECTORY, {"modality": "retired-approach", "language": "polish"})
    assert names(response) == ["Ben Nowak"]
    assert "We couldn't use one of the filters" in response.text
    # The unusable filter is shown as unset, not as an error, and the chips leave it out.
    assert '<option value="" selected>Any approach</option>' in response.text
    assert "aria-invalid" not in response.text
    assert [chip["url"] for chip in response.context["chips"]] == [DIRECTORY]


@pytest.mark.parametrize("value", ["0", "yes", "on", "true", "false", ""])
def test_only_the_checkboxs_own_value_turns_the_accepting_filter_on(client, practice, value):
    unfiltered = client.get(DIRECTORY)
    response = client.get(DIRECTORY, {"accepting": value})
    assert response.context["paginator"].count == unfiltered.context["paginator"].count == 3
    assert "3 therapists" in response.text
    assert response.context["chips"] == []
    assert 'id="id_accepting" checked' not in response.text


def test_the_notice_about_unusable_filters_counts_them(client, practice):
    one = client.get(DIRECTORY, {"modality": "retired-approach"}).text
    assert "We couldn't use one of the filters in this link, so it has been left out." in one
    two = client.get(DIRECTORY, {"modality": "retired-approach", "language": "klingon"})
    assert two.context["ignored_filters"] == ["modality", "language"]
    assert "We couldn't use 2 of the filters in this link, so they have been left out." in two.text
    assert "one of the filters" not in two.text


def test_active_filters_are_chips_that_each_remove_one_filter(client, practice):
    response = client.get(DIRECTORY, {"modality": "cbt", "format": "online", "page": "1"})
    chips = {chip["text"]: chip["url"] for chip in response.context["chips"]}
    assert chips == {
        "CBT": f"{DIRECTORY}?format=online",
        "Online": f"{DIRECTORY}?modality=cbt",
    }
    assert 'href="/therapists/?format=online#results"' in response.text
    assert "Clear all filters" in response.text


def test_removing_the_last_filter_links_to_the_plain_directory(client, practice):
    response = client.get(DIRECTORY, {"accepting": "1"})
    assert [chip["url"] for chip in response.context["chips"]] == [DIRECTORY]


def test_an_empty_result_says_so_and_offers_to_clear_the_filters(client, practice):
    response = client.get(DIRECTORY, {"language": "polish", "format": "online"})
    assert "No therapists match all of these filters." in response.text
    assert "0 therapists" in response.text
    assert f'<a href="{DIRECTORY}">clear all filters</a>' in response.text


def test_the_form_keeps_the_chosen_filters_and_labels_every_field(client, practice):
    response = client.get(DIRECTORY, {"modality": "cbt", "accepting": "1"})
    html = response.text
    assert '<option value="cbt" selected>CBT</option>' in html
    assert 'name="accepting" value="1" id="id_accepting" checked' in html
    for field in ("modality", "concern", "format", "language", "accepting"):
        assert f'<label for="id_{field}">' in html
    assert ">Show therapists</button>" in html
    assert 'method="get"' in html


def test_filtered_pages_are_not_indexed_by_search_engines(client, practice):
    assert 'content="noindex' not in client.get(DIRECTORY).text
    assert 'content="noindex' in client.get(DIRECTORY, {"modality": "cbt"}).text


def test_the_directory_is_paginated_by_twelve_keeping_the_filters(client, db):
    for number in range(14):
        make_therapist(f"Therapist {number:02}", offers_online=True, display_order=number)
    make_therapist("Offline Only", offers_online=False, display_order=99)
    first = client.get(DIRECTORY, {"format": "online"})
    assert len(first.context["therapists"]) == 12
    assert "14 therapists" in first.text
    assert "Page 1 of 2" in first.text
    assert 'href="?format=online&amp;page=2"' in first.text
    second = client.get(DIRECTORY, {"format": "online", "page": "2"})
    assert names(second) == ["Therapist 12", "Therapist 13"]


@pytest.mark.parametrize("page", ["abc", "0", "9"])
def test_a_bad_page_number_is_not_found(client, practice, page):
    assert client.get(DIRECTORY, {"page": page}).status_code == 404


def test_cards_show_what_a_visitor_needs_to_choose(client, practice):
    ben = practice["ben"]
    ben.pronouns = "he/him"
    ben.fee = 65
    ben.reduced_fee_places = True
    ben.save()
    html = client.get(DIRECTORY, {"language": "polish"}).text
    assert f'<a href="{ben.get_absolute_url()}">Ben Nowak</a>' in html
    assert "he/him" in html
    assert "Integrative Psychotherapist" in html
    assert "CBT, Integrative" in html
    assert "Telephone" in html
    assert "£65 per session; reduced-fee places available" in html
    assert "Waiting list" in html
    # No photo: initials, hidden from screen readers, which read the name instead.
    assert '<span class="therapist-card__initials" aria-hidden="true">BN</span>' in html


def test_showing_therapists_lands_on_the_results_with_the_filters_summarised_above_them(
    client, practice
):
    html = client.get(DIRECTORY, {"modality": "cbt"}).text

    # The form (and each filter's remove link) asks for the results, not the top of the page:
    # on a phone they start more than a screen below the filters.
    assert f'method="get" action="{DIRECTORY}#results"' in html
    results = html.index('id="results"')
    summary = html.index("Showing therapists who match:")
    first_card = html.index("Ada Lovelace", results)
    assert results < summary < first_card
    assert '#results"><span class="visually-hidden">Remove filter' in html
