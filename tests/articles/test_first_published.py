"""`first_published_at`: when visitors could first read an article, kept through unpublishing."""

import importlib
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

migration = importlib.import_module("articles.migrations.0007_first_published_at")


def test_a_draft_has_never_been_on_the_site():
    draft = make_article("Still writing", published=False, days_ago=7)

    assert draft.first_published_at is None
    assert not draft.has_been_public()


def test_an_article_stays_known_as_seen_after_it_is_unpublished():
    article = make_article("Live for a while", days_ago=30)
    seen = article.first_published_at

    article.status = Article.Status.DRAFT
    article.save()
    article.refresh_from_db()

    assert article.first_published_at == seen
    assert article.has_been_public()


def test_a_scheduled_article_unpublished_before_its_day_was_never_seen():
    article = make_article("Next week", days_ago=-7)
    assert article.first_published_at == article.publish_at
    assert not article.has_been_public()

    article.status = Article.Status.DRAFT
    article.save(update_fields=["status"])
    article.refresh_from_db()

    assert article.first_published_at is None


def test_migration_counts_articles_already_published_as_seen_from_their_publish_date():
    live = make_article("Live since March", days_ago=60)
    draft = make_article("Never published", published=False, days_ago=60)
    Article.objects.update(first_published_at=None)  # as before the field existed
    state = MigrationLoader(connection).project_state(("articles", "0007_first_published_at"))

    migration.fill_first_published_at(state.apps, schema_editor=None)

    live.refresh_from_db()
    draft.refresh_from_db()
    assert live.first_published_at == live.publish_at
    assert live.first_published_at < timezone.now() - timedelta(days=59)
    assert draft.first_published_at is None
