"""Every public page runs a small, fixed number of SQL queries, whatever the amount of content.

Each page is counted with 5 and then 50 of everything it lists, against a ceiling named in the
test: article page <= 7, article list and topic page <= 4, directory <= 6 with any filters,
profile <= 6, home <= 4, modality list <= 1 and modality page <= 4. A page that needs more (a
query per item, say) fails here; a ceiling is raised only on purpose, with the reason beside it.
"""

import itertools

import pytest
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


def pin_queries(client, assert_num_queries, url_for, grow, expected):
    """The page runs at most `expected` queries at 5 and at 50 items; grow(n) adds n items.

    Returns the response at 50 items, to check the page shows what was counted.
    """
    have = 0
    for size in SIZES:
        grow(size - have)
        have = size
        url = url_for()
        client.get(url)  # warm what a running server keeps between requests
        with assert_num_queries(expected):
            response = client.get(url)
        assert response.status_code == 200, url
    return response


def test_article_page_runs_at_most_7_queries_at_any_size(
    client, terms, django_assert_max_num_queries
):
    # The article with its author and reviewer; its topics; its modalities; the previous and
    # the next article; its sources; related articles.
    author = add_therapists(terms, 1)[0]
    add_articles(terms, 1, author=author)  # an older neighbour
    article = add_articles(terms, 1, author=author)[0]

    response = pin_queries(
        client,
        django_assert_max_num_queries,
        article.get_absolute_url,
        lambda n: add_articles(terms, n, author=author),
        7,
    )

    html = response.text
    assert "Previous article" in html and "Next article" in html
    assert "Related articles" in html and author.name in html


def test_article_list_runs_at_most_4_queries_at_any_size(
    client, terms, django_assert_max_num_queries
):
    # The topics to browse by, the count, the page and the page's topics.
    author = add_therapists(terms, 1)[0]
    response = pin_queries(
        client,
        django_assert_max_num_queries,
        lambda: reverse("articles:list"),
        lambda n: add_articles(terms, n, author=author),
        4,
    )
    assert response.text.count('class="card article-card"') == 12


def test_topic_page_runs_at_most_4_queries_at_any_size(
    client, terms, django_assert_max_num_queries
):
    # The topic with the topics to browse by, the count, the page and the page's topics.
    topic = terms["topics"][0]
    response = pin_queries(
        client,
        django_assert_max_num_queries,
        lambda: f"{topic.get_absolute_url()}?page=1",
        lambda n: add_articles(terms, n),
        4,
    )
    assert topic.name in response.text


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"modality": 0},
        {"modality": 0, "format": "online"},
        {"modality": 0, "concern": 1, "format": "online", "language": 0, "accepting": "1"},
        {"modality": "no-such-approach", "page": "1"},
        {"modality": "no-such-approach", "concern": 0},
    ],
    ids=[
        "unfiltered",
        "modality",
        "two-filters",
        "every-filter",
        "unknown-value",
        "unknown-and-known",
    ],
)
def test_directory_runs_at_most_6_queries_with_any_filters(
    client, terms, filters, django_assert_max_num_queries
):
    # The filter lists (three queries), the count, the page and the page's modalities.
    kinds = {"modality": "modalities", "concern": "concerns", "language": "languages"}
    params = {
        name: terms[kinds[name]][value].slug if isinstance(value, int) else value
        for name, value in filters.items()
    }
    query = "&".join(f"{name}={value}" for name, value in params.items())
    url = reverse("therapists:directory") + (f"?{query}" if query else "")

    pin_queries(
        client, django_assert_max_num_queries, lambda: url, lambda n: add_therapists(terms, n), 6
    )


def test_profile_runs_at_most_6_queries_at_any_size(client, terms, django_assert_max_num_queries):
    # The therapist, their memberships, their articles, their modalities, concerns, languages.
    therapist = add_therapists(terms, 1)[0]

    def grow(n):
        add_articles(terms, n, author=therapist)
        for i in range(n):
            Membership.objects.create(therapist=therapist, body="BABCP", registration_number=i)

    response = pin_queries(
        client, django_assert_max_num_queries, therapist.get_absolute_url, grow, 6
    )
    assert therapist.name in response.text


def test_home_page_runs_at_most_4_queries_at_any_size(client, terms, django_assert_max_num_queries):
    # Modalities, therapists accepting clients, their modalities and recent articles.
    made = []

    def grow(n):
        add_therapists(terms, n)
        made.extend(add_articles(terms, n))

    response = pin_queries(client, django_assert_max_num_queries, lambda: reverse("home"), grow, 4)
    assert made[-1].title in response.text


def test_modality_list_runs_at_most_1_query(client, terms, django_assert_max_num_queries):
    # The modalities, each with how many listed therapists practise it.
    pin_queries(
        client,
        django_assert_max_num_queries,
        lambda: reverse("therapists:modalities"),
        lambda n: add_therapists(terms, n),
        1,
    )


def test_modality_page_runs_at_most_4_queries(client, terms, django_assert_max_num_queries):
    # The modality, its therapists, their modalities and its articles.
    modality = terms["modalities"][0]

    def grow(n):
        add_therapists(terms, n)
        add_articles(terms, n)

    response = pin_queries(
        client, django_assert_max_num_queries, modality.get_absolute_url, grow, 4
    )
    assert "Article Q" in response.text


def add_pages_in_menus(count, parent=None):
    """`count` published pages (under `parent`, if given), each linked from both menus."""
    from pages.models import MenuLink, Page

    made = []
    for _ in range(count):
        number = next(_n)
        page = Page.objects.create(
            title=f"Page Q{number}",
            slug=f"page-q{number}",
            summary="A page.",
            body="## A heading\n\nSome words.",
            status=Page.Status.PUBLISHED,
            parent=parent,
        )
        for menu in ("header", "footer"):
            MenuLink.objects.create(menu=menu, label=f"Link Q{number}", target="page", page=page)
        made.append(page)
    return made


def test_a_page_runs_at_most_2_queries_with_any_number_of_pages_in_the_menus(
    client, django_assert_max_num_queries
):
    # The page with its parent, and the pages under it; the menus and the addresses of the
    # pages come from memory (pages/menu.py).
    from pages.models import Page

    about = Page.objects.create(
        title="About", slug="about", summary="S.", body="B.", status=Page.Status.PUBLISHED
    )
    response = pin_queries(
        client,
        django_assert_max_num_queries,
        about.get_absolute_url,
        lambda n: add_pages_in_menus(n, parent=about),
        2,
    )
    assert response.text.count("Link Q") == 2 * 50
    assert "Page Q" in response.text


def test_the_menus_add_no_query_to_any_page(client, terms, django_assert_max_num_queries):
    # The modality list runs its one query, with 5 or 50 pages in both menus.
    response = pin_queries(
        client,
        django_assert_max_num_queries,
        lambda: reverse("therapists:modalities"),
        add_pages_in_menus,
        1,
    )
    assert response.text.count("Link Q") == 2 * 50
