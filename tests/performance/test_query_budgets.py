"""Every public page runs a small, constant number of SQL queries, whatever the amount of content.

Each page is counted with 5 and then 50 of everything it lists; the count must not grow and must
stay within the page's budget (issue 6): article 3, article list 4, directory 5 with any
filters, profile 4, home 4.
"""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    make_article,
    make_concern,
    make_language,
    make_modality,
    make_therapist,
    make_topic,
)
from therapists.models import Membership

pytestmark = pytest.mark.django_db

SIZES = (5, 50)
_n = itertools.count()


def queries(client, url):
    client.get(url)  # warm what a running server keeps between requests
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.fixture
def terms():
    return {
        "modalities": [make_modality(f"Approach {i}") for i in range(3)],
        "concerns": [make_concern(f"Worry {i}") for i in range(3)],
        "languages": [make_language(f"Tongue {i}") for i in range(2)],
        "topics": [make_topic(f"Subject {i}") for i in range(3)],
    }


def add_therapists(terms, count):
    made = []
    for _ in range(count):
        therapist = make_therapist(
            f"Therapist Q{next(_n)}",
            modalities=terms["modalities"][:2],
            concerns=terms["concerns"],
            languages=terms["languages"],
            offers_online=True,
        )
        Membership.objects.create(therapist=therapist, body="BACP", registration_number="1")
        Membership.objects.create(therapist=therapist, body="UKCP", registration_number="2")
        made.append(therapist)
    return made


def add_articles(terms, count, author=None):
    return [
        make_article(
            f"Article Q{next(_n)}",
            topics=terms["topics"][:2],
            modalities=terms["modalities"][:1],
            author=author,
        )
        for _ in range(count)
    ]


def counts_at_both_sizes(client, url_for, grow):
    """Query counts for the page at 5 and at 50 items; grow(n) adds n items."""
    counts = []
    have = 0
    for size in SIZES:
        grow(size - have)
        have = size
        counts.append(queries(client, url_for()))
    return counts


def assert_within(counts, budget):
    assert counts[0] == counts[1], f"queries grow with content: {counts}"
    assert counts[0] <= budget, f"{counts[0]} queries, budget {budget}"


def test_article_page_runs_at_most_3_queries(client, terms):
    author = add_therapists(terms, 1)[0]
    article = add_articles(terms, 1, author=author)[0]

    counts = counts_at_both_sizes(
        client, article.get_absolute_url, lambda n: add_articles(terms, n, author=author)
    )

    assert_within(counts, 3)


def test_article_list_runs_at_most_4_queries(client, terms):
    author = add_therapists(terms, 1)[0]
    counts = counts_at_both_sizes(
        client,
        lambda: reverse("articles:list"),
        lambda n: add_articles(terms, n, author=author),
    )
    assert_within(counts, 4)


def test_topic_page_runs_at_most_4_queries(client, terms):
    topic = terms["topics"][0]
    counts = counts_at_both_sizes(client, topic.get_absolute_url, lambda n: add_articles(terms, n))
    assert_within(counts, 4)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"modality": 0},
        {"modality": 0, "format": "online"},
        {"modality": 0, "concern": 1, "format": "online", "language": 0, "accepting": "1"},
        {"modality": "no-such-approach", "page": "1"},
    ],
    ids=["unfiltered", "modality", "two-filters", "every-filter", "unknown-value"],
)
def test_directory_runs_at_most_5_queries_with_any_filters(client, terms, filters):
    kinds = {"modality": "modalities", "concern": "concerns", "language": "languages"}
    params = {
        name: terms[kinds[name]][value].slug if isinstance(value, int) else value
        for name, value in filters.items()
    }
    query = "&".join(f"{name}={value}" for name, value in params.items())
    url = reverse("therapists:directory") + (f"?{query}" if query else "")

    counts = counts_at_both_sizes(client, lambda: url, lambda n: add_therapists(terms, n))

    assert_within(counts, 5)


def test_profile_runs_at_most_4_queries(client, terms):
    therapist = add_therapists(terms, 1)[0]

    def grow(n):
        add_articles(terms, n, author=therapist)
        for i in range(n):
            Membership.objects.create(therapist=therapist, body="BABCP", registration_number=i)

    counts = counts_at_both_sizes(client, therapist.get_absolute_url, grow)

    assert_within(counts, 4)


def test_home_page_runs_at_most_4_queries(client, terms):
    def grow(n):
        add_therapists(terms, n)
        add_articles(terms, n)

    counts = counts_at_both_sizes(client, lambda: "/", grow)

    assert_within(counts, 4)
