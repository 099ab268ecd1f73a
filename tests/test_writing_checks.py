"""The Checks panel: advice while writing (words, readability, headings, pictures, links)."""

import re

import pytest
from django.urls import reverse

from editing.writing_checks import check
from tests.factories import make_article, make_modality, make_therapist

BODY = """# A second title

Sleep comes more easily with a routine.

#### Skipped a level

![IMG_2041.jpg](/media/a.jpg) ![Image of a bed](/media/b.jpg) ![](/media/c.jpg)

For more, [click here](https://www.nhs.uk/) or see https://www.nhs.uk/live-well/sleep/ or
[https://example.org/](https://example.org/).

When you have been lying awake for what feels like a very long time and the worries of the day
keep coming back to you again and again, getting up for a while and doing something calm can help.
"""


def test_the_checks_find_what_a_reader_would_trip_over():
    found = check(BODY)
    assert found.words > 50 and found.minutes == 1
    assert any("A second title" in p and "level-1" in p for p in found.headings)
    assert any("Skipped a level" in p and "use ##" in p for p in found.headings)
    assert any("IMG_2041.jpg" in p and "file name" in p for p in found.pictures)
    assert any("Image of a bed" in p for p in found.pictures)
    assert any("no description" in p for p in found.pictures)
    assert any("click here" in p for p in found.links)
    assert any("https://www.nhs.uk/live-well/sleep/" in p and "bare" in p for p in found.links)
    assert any("an address as link text" in p for p in found.links)
    assert found.long_sentences and found.long_sentences[0].startswith("When you have been")


def test_plain_short_sentences_read_as_plain_english():
    found = check("## Sleep\n\nGo to bed at the same time. Get up at the same time. It helps.")
    assert found.plain_enough and found.reading_ease >= 60
    assert not found.headings and not found.links and not found.pictures


@pytest.mark.django_db
def test_the_change_form_shows_the_checks_panel_on_save(admin_client):
    article = make_article("Sleep", body="# Sleep\n\nRead [here](https://www.nhs.uk/).")
    page = admin_client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert 'class="writing-checks"' in page
    assert "Reading ease" in page and "60 or more is plain English" in page
    assert "“here”: say where the link goes instead." in page


@pytest.mark.django_db
def test_the_checks_address_answers_for_text_being_typed(admin_client, client):
    url = reverse("admin:checks")
    answer = admin_client.post(url, {"text": "## Sleep\n\nSee [click here](https://x.org/)."})
    assert answer.status_code == 200
    assert "“click here”: say where the link goes instead." in answer.text
    assert admin_client.get(url).status_code == 405
    assert client.post(url, {"text": "x"}).status_code in (302, 403)  # not signed in


# The panel under every Markdown field staff write -----------------------------------------------

TRIPS = "# About\n\nRead [click here](https://www.nhs.uk/).\n\n![IMG_2041.jpg](image:4)"


def _page(**fields):
    from tests.pages.conftest import make_page

    return make_page(**fields)


def _policy(**fields):
    from articles.models import EditorialPolicy

    return EditorialPolicy.objects.create(**fields)


WRITTEN = [
    ("articles_article", "body", lambda text: make_article("Sleep", body=text)),
    ("pages_page", "body", lambda text: _page(body=text)),
    ("therapists_therapist", "biography", lambda text: make_therapist("Ada", biography=text)),
    ("therapists_modality", "explainer", lambda text: make_modality("CBT", explainer=text)),
    ("articles_editorialpolicy", "body", lambda text: _policy(body=text)),
]


def _panel(html):
    """The text of the Checks panel(s) in a change form, tags and all."""
    return re.findall(r'<div class="writing-checks".*?</div>', html, re.S)


@pytest.mark.django_db
@pytest.mark.parametrize(("admin_name", "field", "make"), WRITTEN, ids=[w[0] for w in WRITTEN])
def test_every_markdown_field_staff_write_has_checks_of_its_own_text(
    admin_client, admin_name, field, make
):
    obj = make(TRIPS)
    page = admin_client.get(reverse(f"admin:{admin_name}_change", args=[obj.pk])).text

    [panel] = _panel(page)
    assert f'data-source="id_{field}"' in panel
    assert f'data-checks-url="{reverse("admin:checks")}"' in panel
    assert "“About” is a level-1 heading" in panel
    assert "“click here”: say where the link goes instead." in panel
    assert "“IMG_2041.jpg” is a file name" in panel
    # Straight under its field, not at the foot of the form.
    field_at, panel_at = page.index(f'id="id_{field}"'), page.index(panel)
    assert field_at < panel_at
    assert "<textarea" not in page[field_at:panel_at].split("</textarea>", 1)[1]

    setattr(obj, field, "## About\n\nShort words. Plain and kind.")
    obj.save()
    page = admin_client.get(reverse(f"admin:{admin_name}_change", args=[obj.pk])).text
    assert "No headings, pictures or links to look at again." in _panel(page)[0]


@pytest.mark.django_db
def test_each_markdown_field_an_app_registers_gets_the_panel_without_more_wiring():
    from django.contrib import admin

    from core import content

    declared = {
        (r.model, name)
        for r in content.registrations()
        for name in r.markdown
        if r.model in admin.site._registry
    }
    covered = {
        (model, name)
        for model, model_admin in admin.site._registry.items()
        for name in getattr(model_admin, "markdown_fields", ())
    }
    assert declared and declared == covered
    assert {(model._meta.label_lower, name) for model, name in declared} == {
        (admin_name.replace("_", ".", 1), field) for admin_name, field, _ in WRITTEN
    }


@pytest.mark.django_db
def test_without_javascript_the_panel_checks_the_text_as_saved_or_as_sent_back(admin_client):
    modality = make_modality("CBT", explainer="## What is CBT?\n\nA way of working.")
    url = reverse("admin:therapists_modality_change", args=[modality.pk])
    form = {
        "name": "CBT",
        "slug": "cbt",
        "summary": modality.summary,
        "explainer": "## What is CBT?\n\nSee [read more](https://www.nhs.uk/).",
        "order": "0",
        "_continue": "Save and continue editing",
    }
    saved = admin_client.post(url, form, follow=True)
    assert "was changed successfully" in saved.text
    assert "“read more”: say where the link goes instead." in _panel(saved.text)[0]

    refused = admin_client.post(url, {**form, "name": "", "explainer": "#### Deep\n\nWords."})
    assert refused.status_code == 200  # sent back: the name is missing
    panel = _panel(refused.text)[0]
    assert "“Deep” skips a level" in panel and "read more" not in panel


@pytest.mark.django_db
def test_a_new_page_has_its_panel_before_it_is_first_saved(admin_client):
    page = admin_client.get(reverse("admin:pages_page_add")).text
    [panel] = _panel(page)
    assert 'data-source="id_body"' in panel and "0 words" in panel
