"""A search ranks a bounded number of entries, however much content matches (issue 24: at
10,000 items the page within a factor of 2 of its rate at 1,000). The limits are lowered here
so that a handful of articles stands for thousands."""

import re

import pytest

from search import ranking
from tests.factories import make_article
from tests.search.conftest import main_html
from tests.search.test_search_page import result_links, search

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[4, 1000], ids=["many-newest-first", "few-through-the-index"])
def small_limits(request, monkeypatch):
    monkeypatch.setattr(ranking, "COMMON", 2)
    monkeypatch.setattr(ranking, "CANDIDATES", 3)
    monkeypatch.setattr(ranking, "MANY", request.param)


def _articles(count, body, **fields):
    return [
        make_article(f"Note {i}", body=f"{body} number {i}.", days_ago=count - i, **fields)
        for i in range(count)
    ]


def test_when_every_word_is_common_the_newest_matches_are_ranked_and_counted_as_more(
    client, small_limits
):
    articles = _articles(6, "Gentle counselling and listening")
    html = main_html(search(client, "my counselling listening"))
    assert "Nothing found" not in html
    links = result_links(html, "articles")
    assert set(links) == {article.get_absolute_url() for article in articles[-3:]}
    assert "3+ results" in html
    assert re.search(r'class="search-group__count">\(3\+\)<', html)


def test_a_rare_word_still_finds_its_old_entry_among_many_common_matches(client, small_limits):
    articles = _articles(6, "Gentle counselling")
    oldest = make_article("Quince orchard", body="Gentle counselling in an orchard.", days_ago=90)
    links = result_links(main_html(search(client, "counselling orchard")), "articles")
    assert links[0] == oldest.get_absolute_url()
    assert articles[0].get_absolute_url() not in links


def test_drafts_among_the_newest_matches_never_hide_the_visible_ones(client, small_limits):
    published = _articles(3, "Gentle counselling")
    for i in range(5):
        make_article(f"Draft {i}", body="Gentle counselling draft.", published=False, days_ago=0)
    html = main_html(search(client, "counselling gentle"))
    assert "Nothing found" not in html
    assert set(result_links(html, "articles")) == {a.get_absolute_url() for a in published}
    assert "3 results" in html and "+" not in re.findall(r"search-group__count\">([^<]*)<", html)[0]
