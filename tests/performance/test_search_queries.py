"""The search page runs at most 3 SQL queries whatever the amount of content (issues 14 and
24): one for every group of results; when a typed word matched nothing, the names to correct it
from; when a correction was found, the results again with it. Pinned at 5 and 50 items of each
kind, like the other pages (tests/performance/test_query_budgets.py)."""

import pytest
from django.urls import reverse

from tests.performance.test_query_budgets import add_articles, add_therapists, pin_queries, terms  # noqa: F401

pytestmark = pytest.mark.django_db


def grow_everything(terms, n):  # noqa: F811
    add_therapists(terms, n)
    add_articles(terms, n)


@pytest.mark.parametrize(
    "q, kind, expected",
    [
        ("Approach", "", 1),  # therapists, approaches and articles match
        ("Therapist", "therapists", 1),  # a page of one kind
        ("Article Q", "articles", 1),
        # Nothing found: the names to correct from, and no correction.
        ("zzyzx", "", 2),
        # A typo: the names, then the corrected search.
        ("Aproach", "", 3),
        ("", "", 0),  # the empty page
    ],
    ids=["every-kind", "one-kind", "articles", "nothing-found", "typo", "empty"],
)
def test_the_search_page_runs_at_most_3_queries(
    client,
    terms,  # noqa: F811 - the fixture imported above
    django_assert_num_queries,
    q,
    kind,
    expected,  # noqa: F811
):
    url = reverse("search") + f"?q={q}" + (f"&kind={kind}" if kind else "")
    response = pin_queries(
        client,
        django_assert_num_queries,
        lambda: url,
        lambda n: grow_everything(terms, n),
        expected,
    )
    assert expected <= 3
    if q and q != "zzyzx":
        assert "search-group-" in response.text
    if q == "Aproach":
        assert "Showing results for" in response.text
