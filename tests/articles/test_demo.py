"""The demo articles: the seed article in full, its 'Next' link, and idempotent loading."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles import demo
from articles.models import Article, Topic
from tests.factories import make_modality, make_therapist

pytestmark = pytest.mark.django_db

SEED_SLUG = "the-space-between-coping-and-healing"


def test_loading_the_demo_twice_duplicates_nothing():
    demo.load()
    counts = (Article.objects.count(), Topic.objects.count())
    links = Article.topics.through.objects.count() + Article.modalities.through.objects.count()

    updated = dict(Article.objects.values_list("slug", "updated_at"))

    demo.load()

    assert dict(Article.objects.values_list("slug", "updated_at")) == updated
    assert (Article.objects.count(), Topic.objects.count()) == counts
    assert (
        Article.topics.through.objects.count() + Article.modalities.through.objects.count() == links
    )
    assert counts[0] >= 8


def test_seed_article_is_published_in_full_with_headings(client):
    demo.load()
    seed = Article.objects.published().get(slug=SEED_SLUG)

    html = client.get(seed.get_absolute_url()).content.decode()

    assert "The Space Between Coping and Healing" in seed.title
    for heading in (
        "Coping: The Art of Survival",
        "Healing: Safety, Openness, and Integration",
        "How Therapy Helps You Move from Coping to Healing",
        "You Deserve More Than Survival",
        "Ready to Begin the Healing Journey?",
    ):
        assert f">{heading}</h2>" in html
    assert "You deserve to get better." in html
    assert "who feels like the right fit for you." in html
    assert "Ready to begin?" in html and "Browse our therapists" in html


def test_seed_article_next_link_is_the_attachment_styles_guide(client):
    demo.load()
    seed = Article.objects.get(slug=SEED_SLUG)

    html = client.get(seed.get_absolute_url()).content.decode()

    next_part = html[html.index("Next article") :]
    assert "Attachment Styles in Adult Relationships: A Therapist&#x27;s Guide" in next_part
    assert "Previous article" in html


def test_demo_draft_and_scheduled_articles_are_hidden(client):
    demo.load()
    hidden = Article.objects.exclude(pk__in=Article.objects.published())

    assert {a.status for a in hidden} == {"draft", "published"}  # a draft and a scheduled one
    listing = client.get(reverse("articles:list")).content.decode()
    for article in hidden:
        assert article.title not in listing
        assert client.get(article.get_absolute_url()).status_code == 404


def test_demo_uses_therapists_and_modalities_when_they_exist(client):
    integrative = make_modality("Integrative", slug="integrative")
    make_therapist("Amelia Hart", slug="amelia-hart", modalities=[integrative])

    demo.load()
    seed = Article.objects.get(slug=SEED_SLUG)

    assert seed.author.slug == "amelia-hart"
    assert integrative in seed.modalities.all()
    html = client.get(seed.get_absolute_url()).content.decode()
    assert "?modality=integrative" in html


def test_load_demo_command_twice_links_the_demo_therapists_and_duplicates_nothing():
    call_command("load_demo", force=True, no_user=True, stdout=io.StringIO())
    counts = (Article.objects.count(), Topic.objects.count())

    call_command("load_demo", force=True, no_user=True, stdout=io.StringIO())

    assert (Article.objects.count(), Topic.objects.count()) == counts
    seed = Article.objects.get(slug=SEED_SLUG)
    assert seed.author is not None and seed.author.is_active
    assert seed.modalities.count() == 4
    assert Article.objects.published().filter(author__isnull=False).count() >= 5
