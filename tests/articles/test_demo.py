"""The demo articles: the seed article in full, its 'Next' link, and idempotent loading."""

import io
import re

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
        assert html.count(f">{heading}</h2>") == 1, heading
    assert "You deserve to get better." in html


def test_seed_article_ends_as_the_original_the_closing_box_then_the_next_link(client):
    demo.load()
    seed = Article.objects.get(slug=SEED_SLUG)
    directory = reverse("therapists:directory")

    html = client.get(seed.get_absolute_url()).content.decode()

    # The original's closing section is the box after the text: said once, not twice.
    for sentence in (
        "our experienced therapists offer a range of approaches",
        "who feels like the right fit for you.",
    ):
        assert html.count(sentence) == 1, sentence
    box = html[html.index('<section class="cta"') :]
    box = box[: box.index("</section>")]
    assert '<h2 id="cta-heading">Ready to Begin the Healing Journey?</h2>' in box
    assert "our experienced therapists offer a range of approaches" in box
    assert "who feels like the right fit for you." in box
    assert "Ready to begin?" not in html
    button = re.search(r'<a class="button" href="([^"]*)">([^<]*)</a>', box)
    assert button[1].startswith(directory) and button[2] == "Browse our therapists"
    # In order: the last words of the text, the box, then the "Next article" link.
    order = [
        html.index("You deserve to get better."),
        html.index('<section class="cta"'),
        html.index("Next article"),
    ]
    assert order == sorted(order)


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


def test_seed_articles_closing_box_on_a_range_of_approaches_opens_the_whole_directory(client):
    for name in ("Integrative", "Psychodynamic", "CBT", "Mindfulness-based"):
        make_modality(name, slug=name.lower())
    demo.load()
    seed = Article.objects.get(slug=SEED_SLUG)
    assert seed.modalities.count() == 4

    html = client.get(seed.get_absolute_url()).content.decode()

    box = html[html.index('<section class="cta"') :]
    assert "our experienced therapists offer a range of approaches" in box
    directory = reverse("therapists:directory")
    assert f'<a class="button" href="{directory}">Browse our therapists</a>' in box


def test_load_demo_command_twice_links_the_demo_therapists_and_duplicates_nothing():
    call_command("load_demo", force=True, no_user=True, stdout=io.StringIO())
    counts = (Article.objects.count(), Topic.objects.count())

    call_command("load_demo", force=True, no_user=True, stdout=io.StringIO())

    assert (Article.objects.count(), Topic.objects.count()) == counts
    seed = Article.objects.get(slug=SEED_SLUG)
    assert seed.author is not None and seed.author.is_active
    assert seed.modalities.count() == 4
    assert Article.objects.published().filter(author__isnull=False).count() >= 5
