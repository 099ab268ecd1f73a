"""Content saved by staff shows on the very next request, even when the old page was cached."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import (
    make_article,
    make_concern,
    make_language,
    make_modality,
    make_therapist,
    make_topic,
)
from therapists.models import Membership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def cached_page(client, url):
    """Visit twice, so the page is certainly in the cache; return the cached text."""
    client.get(url)
    response = client.get(url)
    assert response["X-Cache"] == "HIT", url
    return response.content.decode()


def test_editing_an_article_shows_on_its_page_and_in_the_list(client):
    article = make_article("Before the edit")
    assert "Before the edit" in cached_page(client, article.get_absolute_url())
    assert "Before the edit" in cached_page(client, reverse("articles:list"))

    article.title = "After the edit"
    article.save()

    for url in (article.get_absolute_url(), reverse("articles:list")):
        response = client.get(url)
        assert response["X-Cache"] == "MISS"
        assert "After the edit" in response.content.decode()


def test_deleting_an_article_removes_it_at_once(client):
    article = make_article("Soon gone")
    url = article.get_absolute_url()
    cached_page(client, url)

    article.delete()

    assert client.get(url).status_code == 404
    assert "Soon gone" not in client.get(reverse("articles:list")).content.decode()


def test_unpublishing_an_article_hides_it_at_once(client):
    article = make_article("Taken down")
    cached_page(client, article.get_absolute_url())

    article.status = Article.Status.DRAFT
    article.save()

    assert client.get(article.get_absolute_url()).status_code == 404


def test_renaming_a_topic_shows_on_its_page(client):
    topic = make_topic("Old topic name")
    make_article(topics=[topic])
    cached_page(client, topic.get_absolute_url())

    topic.name = "New topic name"
    topic.save()

    assert "New topic name" in client.get(topic.get_absolute_url()).content.decode()


def test_adding_a_topic_to_an_article_shows_on_the_topic_page(client):
    topic = make_topic("Grief and loss")
    article = make_article("Living with loss")
    assert "Living with loss" not in cached_page(client, topic.get_absolute_url())

    article.topics.add(topic)  # a many-to-many change alone, no save

    assert "Living with loss" in client.get(topic.get_absolute_url()).content.decode()


def test_editing_a_therapist_shows_in_the_directory_and_profile(client):
    therapist = make_therapist("Dana Old")
    directory = reverse("therapists:directory")
    cached_page(client, directory)
    cached_page(client, therapist.get_absolute_url())

    therapist.name = "Dana New"
    therapist.save()

    assert "Dana New" in client.get(directory).content.decode()
    assert "Dana New" in client.get(therapist.get_absolute_url()).content.decode()


def test_hiding_a_therapist_removes_them_at_once(client):
    therapist = make_therapist("Hidden Soon")
    cached_page(client, reverse("therapists:directory"))

    therapist.is_active = False
    therapist.save()

    assert "Hidden Soon" not in client.get(reverse("therapists:directory")).content.decode()
    assert client.get(therapist.get_absolute_url()).status_code == 404


def test_renaming_a_modality_shows_on_its_page_and_the_profiles(client):
    modality = make_modality("Old approach")
    therapist = make_therapist(modalities=[modality])
    cached_page(client, modality.get_absolute_url())
    cached_page(client, therapist.get_absolute_url())

    modality.name = "New approach"
    modality.save()

    assert "New approach" in client.get(modality.get_absolute_url()).content.decode()
    assert "New approach" in client.get(therapist.get_absolute_url()).content.decode()


def test_concerns_languages_and_memberships_invalidate_the_profile(client):
    therapist = make_therapist()
    url = therapist.get_absolute_url()

    for change in (
        lambda: therapist.concerns.add(make_concern("Panic attacks")),
        lambda: therapist.languages.add(make_language("Welsh")),
        lambda: Membership.objects.create(
            therapist=therapist, body="UKCP", registration_number="UK12345"
        ),
    ):
        cached_page(client, url)
        change()
        assert client.get(url)["X-Cache"] == "MISS"


def test_a_scheduled_article_appears_when_due_though_the_list_was_cached(client, clock):
    make_article("Already out")
    make_article("Due in a moment", publish_at=timezone.now() + timedelta(hours=1), slug="due-soon")
    assert "Due in a moment" not in cached_page(client, reverse("articles:list"))

    clock.advance(3601)

    response = client.get(reverse("articles:list"))
    assert response["X-Cache"] == "MISS"
    assert "Due in a moment" in response.content.decode()


def test_a_lost_generation_record_never_serves_an_old_page(client, settings, tmp_path):
    article = make_article("First words")
    cached_page(client, article.get_absolute_url())
    # The record disappears (a cache flush, a new temp folder) and the article changes meanwhile.
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "elsewhere")
    Article.objects.filter(pk=article.pk).update(title="Second words")

    assert "Second words" in client.get(article.get_absolute_url()).content.decode()


def test_an_article_scheduled_after_the_list_was_cached_appears_when_due(client, clock):
    make_article("Already out")
    cached_page(client, reverse("articles:list"))
    make_article("Scheduled later", publish_at=timezone.now() + timedelta(hours=1), slug="later")
    assert "Scheduled later" not in cached_page(client, reverse("articles:list"))

    clock.advance(3601)

    assert "Scheduled later" in client.get(reverse("articles:list")).content.decode()
