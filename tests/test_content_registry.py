"""Each app declares its content once; shared code finds it through the registry."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, EditorialPolicy, Topic
from core import content, pagecache
from pages.models import Page
from tests.factories import make_article, make_modality, make_therapist
from therapists.models import Concern, Language, Membership, Modality, Therapist


def registered_models():
    return {registration.model for registration in content.registrations()}


def test_every_model_a_public_page_shows_is_registered_by_its_app():
    assert {Article, Topic, Therapist, Modality, Concern, Language, Membership} <= (
        registered_models()
    )


def test_markdown_fields_are_declared_with_their_html_fields():
    declared = {
        (r.model, source, html)
        for r in content.registrations()
        for source, html in r.markdown.items()
    }
    assert declared == {
        (Article, "body", "body_html"),
        (Therapist, "biography", "biography_html"),
        (Modality, "explainer", "explainer_html"),
        (EditorialPolicy, "body", "body_html"),
        (Page, "body", "body_html"),
    }
    # ...and every declared field exists on its model.
    for model, source, html in declared:
        model._meta.get_field(source)
        model._meta.get_field(html)


def test_every_declared_rendition_field_exists():
    for registration in content.registrations():
        for fields in registration.image_fields().values():
            for name in fields:
                registration.model._meta.get_field(name)


def test_the_sitemap_index_serves_every_registered_sitemap(client, db):
    make_article("Listed", slug="listed")
    response = client.get("/sitemap.xml")

    assert set(content.sitemaps()) >= {"articles", "therapists", "modalities", "enquiry-pages"}
    assert "/articles/listed/" in response.content.decode()


@pytest.mark.django_db
def test_next_scheduled_change_is_the_soonest_scheduled_article():
    soon = timezone.now() + timedelta(hours=2)
    make_article("Later", publish_at=soon + timedelta(days=1))
    make_article("Soon", publish_at=soon)
    make_article("Draft", published=False, publish_at=soon - timedelta(hours=1))

    assert pagecache._next_scheduled_publish() == soon.timestamp()


@pytest.mark.django_db
def test_rerender_markdown_renders_every_declared_field_again():
    article = make_article("Stale", body="## Hello")
    therapist = make_therapist("Jo Bloggs", biography="**Bold**")
    modality = make_modality("CBT", explainer="*Calm*")
    for model, obj, html_field in (
        (Article, article, "body_html"),
        (Therapist, therapist, "biography_html"),
        (Modality, modality, "explainer_html"),
    ):
        model.objects.filter(pk=obj.pk).update(**{html_field: "stale"})

    call_command("rerender_markdown", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert "<h2" in Article.objects.get(pk=article.pk).body_html
    assert "<strong>Bold</strong>" in Therapist.objects.get(pk=therapist.pk).biography_html
    assert "<em>Calm</em>" in Modality.objects.get(pk=modality.pk).explainer_html


@pytest.mark.django_db
def test_a_saved_update_of_a_source_field_saves_what_is_derived_from_it():
    article = make_article("Short", body="One two three.")
    article = Article.objects.get(pk=article.pk)
    article.body = "## A heading\n\n" + "word " * 600

    article.save(update_fields=["body"])

    stored = Article.objects.get(pk=article.pk)
    assert "<h2" in stored.body_html
    assert stored.reading_time > 1  # was 1 minute for three words


def test_demo_loaders_run_in_app_order_therapists_first():
    loaders = [loader.__module__ for loader in content.demo_loaders()]
    assert loaders.index("therapists.demo") < loaders.index("articles.demo")
