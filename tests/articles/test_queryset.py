"""Article.objects.published() and the querysets built on it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_modality, make_therapist, make_topic

pytestmark = pytest.mark.django_db


def test_published_includes_only_published_articles_that_are_due():
    live = make_article("Live", days_ago=2)
    make_article("Draft", published=False)
    make_article("Scheduled", days_ago=-1)

    assert list(Article.objects.published()) == [live]


def test_scheduled_is_only_published_articles_not_yet_due():
    make_article("Live", days_ago=2)
    make_article("Draft for later", published=False, days_ago=-3)
    soon = make_article("Scheduled", days_ago=-1)

    assert list(Article.objects.scheduled()) == [soon]


def test_scheduled_article_appears_by_itself_once_its_time_comes():
    article = make_article("Soon", publish_at=timezone.now() + timedelta(seconds=1))
    assert not Article.objects.published().filter(pk=article.pk).exists()

    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))

    assert Article.objects.published().filter(pk=article.pk).exists()


def test_published_is_newest_first():
    old = make_article("Old", days_ago=10)
    new = make_article("New", days_ago=1)
    middle = make_article("Middle", days_ago=5)

    assert list(Article.objects.published()) == [new, middle, old]


def test_neighbours_are_the_nearest_published_articles_by_date():
    oldest = make_article("Oldest", days_ago=30)
    make_article("Old draft", days_ago=20, published=False)
    middle = make_article("Middle", days_ago=10)
    make_article("Scheduled", days_ago=-5)
    newest = make_article("Newest", days_ago=1)

    assert _neighbour_slugs(oldest) == (None, middle.slug)
    assert _neighbour_slugs(middle) == (oldest.slug, newest.slug)
    previous, next_ = newest.neighbours()
    assert (previous.title, next_) == ("Middle", None)


def test_neighbours_with_the_same_publish_date_are_ordered_by_id():
    when = timezone.now() - timedelta(days=1)
    first = make_article("First", publish_at=when)
    second = make_article("Second", publish_at=when)

    assert _neighbour_slugs(first) == (None, second.slug)
    assert _neighbour_slugs(second) == (first.slug, None)


def _neighbour_slugs(article):
    return tuple(other.slug if other else None for other in article.neighbours())


def test_related_articles_share_a_topic_or_modality_and_are_published():
    anxiety, grief = make_topic("Anxiety"), make_topic("Grief")
    cbt = make_modality("CBT")
    article = make_article("Main", topics=[anxiety], modalities=[cbt])
    by_topic = make_article("Same topic", topics=[anxiety], days_ago=3)
    by_modality = make_article("Same modality", modalities=[cbt], days_ago=2)
    make_article("Other topic", topics=[grief])
    make_article("Draft same topic", topics=[anxiety], published=False)
    make_article("Scheduled same topic", topics=[anxiety], days_ago=-3)

    related = list(Article.objects.related_to(article))

    assert related == [by_modality, by_topic]


def test_related_articles_leave_out_the_neighbours_given_and_accept_loaded_topics():
    anxiety = make_topic("Anxiety")
    cbt = make_modality("CBT")
    article = make_article("Main", topics=[anxiety], modalities=[cbt], days_ago=10)
    neighbour = make_article("Neighbour", topics=[anxiety], days_ago=9)
    by_modality = make_article("Same modality", modalities=[cbt], days_ago=2)
    make_article("Unrelated", days_ago=1)

    related = Article.objects.related_to(
        article, exclude=[neighbour, None], topics=[anxiety], modalities=[cbt]
    )

    assert list(related) == [by_modality]
    assert list(Article.objects.related_to(article)) == [by_modality, neighbour]


def test_related_articles_are_at_most_three():
    topic = make_topic()
    article = make_article(topics=[topic])
    for _ in range(5):
        make_article(topics=[topic])

    assert len(Article.objects.related_to(article)) == 3


def test_listed_author_is_marked_and_inactive_author_is_not():
    listed = make_article("By listed", author=make_therapist("Listed"))
    hidden = make_article("By hidden", author=make_therapist("Hidden", is_active=False))
    anonymous = make_article("By nobody")

    flags = {a.pk: a.author_is_listed for a in Article.objects.with_listed_author()}

    assert flags == {listed.pk: True, hidden.pk: False, anonymous.pk: False}


def test_the_article_page_lists_topics_by_name_and_modalities_in_their_order(client):
    article = make_article(
        topics=[make_topic("Trauma"), make_topic("Anxiety")],
        modalities=[make_modality("Psychodynamic", order=2), make_modality("CBT", order=1)],
    )

    html = client.get(article.get_absolute_url()).text

    assert html.index(">Anxiety<") < html.index(">Trauma<")
    assert html.index(">CBT<") < html.index(">Psychodynamic<")
