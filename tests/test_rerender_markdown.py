"""`manage.py rerender_markdown` brings HTML stored by an older renderer up to date."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.factories import make_article, make_modality, make_therapist
from therapists.models import Modality, Therapist

pytestmark = pytest.mark.django_db

OLD_HTML = '<h2 id="urgent-help">Urgent help</h2>'


def test_rerender_markdown_replaces_html_stored_by_an_older_renderer():
    article = make_article("Old piece", body="## Urgent help\n\nWords.")
    therapist = make_therapist("Old Bio", biography="## Urgent help")
    modality = make_modality("Old modality", explainer="## Urgent help")
    # As an older renderer stored them (update() skips save(), like old rows in the database).
    Article.objects.filter(pk=article.pk).update(body_html=OLD_HTML, reading_time=9)
    Therapist.objects.filter(pk=therapist.pk).update(biography_html=OLD_HTML)
    Modality.objects.filter(pk=modality.pk).update(explainer_html=OLD_HTML)

    out = StringIO()
    call_command("rerender_markdown", stdout=out)

    article.refresh_from_db()
    therapist.refresh_from_db()
    modality.refresh_from_db()
    assert article.body_html.startswith('<h2 id="section-urgent-help">Urgent help</h2>')
    assert article.reading_time == 1
    assert therapist.biography_html == '<h2 id="section-urgent-help">Urgent help</h2>'
    assert modality.explainer_html == '<h2 id="section-urgent-help">Urgent help</h2>'
    assert "Stored HTML is up to date." in out.getvalue()


def test_rerender_markdown_leaves_everything_else_as_it_was():
    article = make_article("Kept piece", body="## Kept")
    Article.objects.filter(pk=article.pk).update(title="Edited elsewhere", body_html="old")
    before = Article.objects.values("title", "status", "publish_at", "updated_at").get()

    call_command("rerender_markdown", stdout=StringIO())

    assert Article.objects.values("title", "status", "publish_at", "updated_at").get() == before
