"""Article pages run a fixed number of queries, however much content there is."""

import pytest
from django.urls import reverse

from tests.factories import make_article, make_modality, make_therapist, make_topic

pytestmark = pytest.mark.django_db

ARTICLE_PAGE_QUERIES = 3
ARTICLE_LIST_QUERIES = 4


def _content(count):
    topics = [make_topic(f"Topic {i}") for i in range(3)]
    modalities = [make_modality(f"Modality {i}") for i in range(2)]
    author = make_therapist("Amelia Hart")
    articles = [
        make_article(
            f"Article {i}",
            days_ago=i + 1,
            topics=topics[: 1 + i % 3],
            modalities=modalities[: i % 3],
            author=author,
        )
        for i in range(count)
    ]
    return articles, topics


@pytest.mark.parametrize("count", [5, 50])
def test_article_page_query_count_is_constant(client, django_assert_num_queries, count):
    articles, _ = _content(count)
    middle = articles[count // 2]

    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        response = client.get(middle.get_absolute_url())

    html = response.content.decode()
    assert "Previous article" in html and "Next article" in html
    assert "Related articles" in html and "Amelia Hart" in html


@pytest.mark.parametrize("count", [5, 50])
def test_article_list_query_count_is_constant(client, django_assert_num_queries, count):
    _content(count)

    with django_assert_num_queries(ARTICLE_LIST_QUERIES):
        response = client.get(reverse("articles:list"))

    assert response.content.decode().count('class="card article-card"') == min(count, 12)


@pytest.mark.parametrize("count", [5, 50])
def test_topic_page_query_count_is_constant(client, django_assert_num_queries, count):
    _, topics = _content(count)

    with django_assert_num_queries(ARTICLE_LIST_QUERIES):
        response = client.get(topics[0].get_absolute_url(), {"page": 1})

    assert response.status_code == 200
