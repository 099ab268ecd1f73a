"""Paste that converts: clipboard HTML from Word 2016, Word Online and Google Docs becomes the
right Markdown (clipboards written for these tests in the shapes those editors produce)."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from editing.paste import convert
from tests.factories import make_staff_user

CLIPBOARDS = Path(__file__).parent / "paste_clipboards"


def _clipboard(name):
    return (CLIPBOARDS / name).read_text()


def test_word_2016_list_paragraphs_become_nested_lists_and_the_next_paragraph_stays_apart():
    markdown, pictures = convert(_clipboard("word2016.html"))
    assert markdown.startswith("## When worry takes over\n\n")
    assert "Worry is **normal**, and *sometimes* useful." in markdown
    assert (
        "[NHS page on anxiety](https://www.nhs.uk/mental-health/conditions/"
        "generalised-anxiety-disorder/)" in markdown
    )
    assert (
        "- Notice the worry\n  - Write it down\n  - Put it aside\n- Come back to it later\n\n"
        "After the list, a paragraph of its own.\n\n1. Breathe in\n2. Breathe out"
    ) in markdown
    assert "·" not in markdown and "mso" not in markdown
    assert pictures == ["“clip_image002.jpg”"]


def test_word_online_lists_in_separate_containers_are_nested_again():
    markdown, pictures = convert(_clipboard("word_online.html"))
    assert (
        "Talking helps, and **so does rest**. Call [the Samaritans](https://www.samaritans.org/)"
        in (markdown)
    )
    assert "- Eat regularly\n  - Breakfast counts\n- Go outside each day\n\nA closing line." in (
        markdown
    )
    assert pictures == []


def test_google_docs_wrapper_is_not_bold_and_its_styles_become_emphasis():
    markdown, pictures = convert(_clipboard("google_docs.html"))
    assert markdown.startswith("## Sleeping better\n\n")
    assert "A regular time to wake up is **the one habit** that helps most" in markdown
    assert "[the Sleep Foundation](https://www.sleepfoundation.org/sleep-hygiene)" in markdown
    assert "*for more*" in markdown
    assert markdown.count("**") == 2  # only the bold words, not the whole paste
    assert "- Keep the room cool\n  - Around 18 degrees\n- No screens in bed" in markdown
    assert pictures == ["“A calm bedroom”"]


def test_tables_and_line_breaks_survive():
    markdown, _ = convert(
        "<table><tr><th>Day</th><th>Time</th></tr><tr><td>Monday</td><td>9am</td></tr></table>"
        "<p>First line<br>Second line</p>"
    )
    assert "| Day | Time |" in markdown and "| Monday | 9am |" in markdown
    assert "First line  \nSecond line" in markdown


@pytest.mark.django_db
def test_the_paste_address_converts_for_staff_only_and_names_left_out_pictures():
    url = reverse("admin:paste")
    staff = Client()
    editor = make_staff_user("editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    staff.force_login(editor)

    answer = staff.post(url, {"html": _clipboard("google_docs.html")})
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    assert answer.json()["note"] == (
        "1 picture was not pasted: add them from the image library (“A calm bedroom”)."
    )
    assert staff.post(url, {"html": ""}).status_code == 400
    assert staff.get(url).status_code == 405
    assert Client().post(url, {"html": "<p>x</p>"}).status_code in (302, 403)  # not signed in

    checked = Client(enforce_csrf_checks=True)
    checked.force_login(editor)
    assert checked.post(url, {"html": "<p>x</p>"}).status_code == 403  # no CSRF token


@pytest.mark.django_db
def test_markdown_fields_carry_the_paste_address(admin_client):
    form = admin_client.get(reverse("admin:articles_article_add")).text
    assert f'data-paste-url="{reverse("admin:paste")}"' in form
    assert "admin-paste" in form
