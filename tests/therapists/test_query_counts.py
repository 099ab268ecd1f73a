"""Page query counts stay the same however many therapists the practice has."""

import pytest
from django.urls import reverse

from tests.factories import make_article, make_concern, make_language, make_modality, make_therapist

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[5, 50], ids=["5-therapists", "50-therapists"])
def many(request, db):
    modalities = [make_modality(f"Approach {n}", slug=f"approach-{n}") for n in range(4)]
    concerns = [make_concern(f"Worry {n}", slug=f"worry-{n}") for n in range(4)]
    languages = [make_language(f"Tongue {n}", slug=f"tongue-{n}") for n in range(3)]
    therapists = [
        make_therapist(
            f"Person {n:02}",
            modalities=[modalities[n % 4], modalities[(n + 1) % 4]],
            concerns=concerns[: 1 + n % 4],
            languages=languages[: 1 + n % 3],
            offers_online=bool(n % 2),
        )
        for n in range(request.param)
    ]
    for n in range(4):
        make_article(f"Article {n}", author=therapists[0], modalities=[modalities[0]])
    return {"modalities": modalities, "therapists": therapists}


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"modality": "approach-0"},
        {"modality": "approach-1", "concern": "worry-0", "format": "online"},
        {"language": "tongue-0", "accepting": "1", "page": "1"},
        {"modality": "unknown", "concern": "worry-0"},
    ],
)
def test_directory_query_count(client, many, django_assert_num_queries, query):
    # The filter lists (one query), the count, the page and the page's modalities.
    with django_assert_num_queries(4):
        response = client.get(reverse("therapists:directory"), query)
    assert response.status_code == 200


def test_profile_query_count(client, many, django_assert_num_queries):
    # The therapist, their memberships, their articles and their modalities/concerns/languages.
    with django_assert_num_queries(4):
        response = client.get(many["therapists"][0].get_absolute_url())
    assert "Article 3" in response.text


def test_modality_pages_query_count(client, many, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(reverse("therapists:modalities"))
    # The modality, its therapists, their modalities and its articles.
    with django_assert_num_queries(4):
        response = client.get(many["modalities"][0].get_absolute_url())
    assert "Article 0" in response.text


def test_home_query_count(client, many, django_assert_num_queries):
    # Modalities, therapists, their modalities and recent articles.
    with django_assert_num_queries(4):
        response = client.get(reverse("home"))
    assert "Article 3" in response.text
