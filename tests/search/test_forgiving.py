"""Search answers the way people ask (issue 24): sentences rank pages by how many of their
meaningful words match, the site's vocabulary is applied, and therapists' facts are found."""

import pytest

from tests.factories import make_article, make_therapist
from tests.search.conftest import main_html
from tests.search.test_search_page import result_links, search
from therapists.models import Language

pytestmark = pytest.mark.django_db


def test_a_sentence_finds_pages_that_match_some_of_its_words_those_matching_more_first(
    client, site
):
    html = main_html(search(client, "what helps with coping at night and sleep"))
    assert "Nothing found" not in html
    links = result_links(html, "articles")
    # "A Letter About Sleep" has both words; the coping article only one of them.
    assert links[:2] == [site["body_only"].get_absolute_url(), site["coping"].get_absolute_url()]


def test_stop_words_never_decide_a_result(client, site):
    plain = result_links(main_html(search(client, "coping")), "articles")
    assert result_links(main_html(search(client, "the coping with my")), "articles") == plain


def test_a_query_of_only_stop_words_still_searches_for_them(client, site):
    who = make_article("Who we are", body="About the practice.")
    html = main_html(search(client, "who"))
    assert "Nothing found" not in html
    assert who.get_absolute_url() in result_links(html, "articles")


def test_a_title_word_postgresql_leaves_unindexed_is_still_found(client, site):
    # "between" and "after" are in PostgreSQL's English stop list, not in the site's.
    after = make_article("After a Loss", body="Grief takes time.")
    links = result_links(main_html(search(client, "between")), "articles")
    assert site["coping"].get_absolute_url() in links and after.get_absolute_url() not in links
    html = main_html(search(client, "after -grief"))
    assert after.get_absolute_url() not in html
    assert after.get_absolute_url() in main_html(search(client, "after"))


def test_nothing_found_only_when_no_meaningful_word_matches(client, site):
    html = main_html(search(client, "xylophone quokka zebra coping"))
    assert site["coping"].get_absolute_url() in html and "Nothing found" not in html
    assert "Nothing found" in main_html(search(client, "xylophone quokka zebra"))


def test_quotes_and_minus_keep_working_with_forgiving_matching(client, site):
    html = main_html(search(client, '"hold things together" sleep'))
    links = result_links(html, "articles")
    assert site["coping"].get_absolute_url() in links
    html = main_html(search(client, "coping sleep -letter"))
    assert site["body_only"].get_absolute_url() not in html


@pytest.mark.parametrize(
    "typed",
    ["cognitive behavioral therapy", "behavior therapy", "counseling for worry"],
)
def test_us_spellings_and_lay_words_find_the_practices_words(client, site, typed):
    html = main_html(search(client, typed))
    assert "Nothing found" not in html
    assert site["cbt_article"].get_absolute_url() in html or site["cbt"].get_absolute_url() in html


def test_bereaved_finds_the_grief_therapist_and_feeling_low_the_depression_words(client, site):
    okafor = "/therapists/daniel-okafor/"
    assert okafor in result_links(main_html(search(client, "bereaved")), "therapists")
    depression = make_article("Understanding depression", body="What it is.")
    html = main_html(search(client, "feeling low"))
    assert depression.get_absolute_url() in result_links(html, "articles")


def test_therapists_facts_are_found_and_changing_them_updates_the_index(client, site):
    polish = Language.objects.create(name="Polish", slug="polish")
    zofia = make_therapist(
        "Zofia Nowak",
        languages=[polish],
        offers_online=True,
        offers_evenings=True,
        reduced_fee_places=True,
        works_with_young_people=True,
    )
    for typed in (
        "therapist who speaks polish",
        "polish speaking",
        "online",
        "evening appointments",
        "low cost",
        "teenagers",
    ):
        assert result_links(main_html(search(client, typed)), "therapists")[0] == (
            zofia.get_absolute_url()
        ), typed
    zofia.offers_evenings = False
    zofia.save()
    html = main_html(search(client, "evening appointments"))
    assert zofia.get_absolute_url() not in html
    zofia.languages.remove(polish)
    assert zofia.get_absolute_url() not in main_html(search(client, "polish"))


def _searched(query):
    from search.plan import plan
    from search.query import parse

    return [[a.text for a in group.matching] for group in plan(parse(query)).groups]


def test_an_alternative_another_one_already_finds_is_not_searched_for():
    # "talking therapy" and "talking therapies" find nothing "therapy" does not, and a phrase
    # costs both engines a check of word positions in every entry with both words.
    (counselling,) = _searched("counselling")
    assert "therapy" in counselling
    assert "talking therapy" not in counselling and "talking therapies" not in counselling


def test_what_was_typed_is_always_searched_for_even_when_its_vocabulary_finds_more():
    assert _searched("talking therapy")[0][0] == "talking therapy"
    assert _searched("couples counselling")[0][0] == "couples counselling"


def test_a_talking_therapies_page_is_still_found_by_counselling(client, site):
    page = make_article("Talking therapies on the NHS", body="What a referral looks like.")
    assert page.get_absolute_url() in result_links(
        main_html(search(client, "counselling")), "articles"
    )
