"""Text pasted from Word, Google Docs or a web page is kept, tidied, and never cut silently."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from core.markdown import render_markdown
from editing.pasted import removed_from, tidy_pasted
from tests.factories import make_staff_user

# Copied from Word 365 (Windows) and pasted into the admin's text box: a tab after each bullet,
# "o" for the second level.
WORD_BULLETS = (
    "Things that help:\n"
    "•\tA regular bedtime\n"
    "•\tLess caffeine after noon\n"
    "o\tNone after 4pm\n"
    "•\tA wind-down hour"
)
# Word's list pasted through Outlook: a middle dot and a run of spaces.
OUTLOOK_BULLETS = "·         Breathing slowly\n·         Naming five things you can see"
# An en dash list from a Google Docs plain-text copy.
DASH_BULLETS = "–  Morning pages\n–  An evening walk"


def test_word_bullets_become_a_list_instead_of_one_run_on_line():
    tidied = tidy_pasted(WORD_BULLETS)

    assert tidied.splitlines()[1:] == [
        "- A regular bedtime",
        "- Less caffeine after noon",
        "  - None after 4pm",
        "- A wind-down hour",
    ]
    html = render_markdown(tidied)
    assert html.count("<li>") == 4
    assert "<ul>\n<li>None after 4pm</li>\n</ul>" in html


def test_untidied_word_bullets_would_run_together():
    html = render_markdown(WORD_BULLETS)
    assert "<li>" not in html  # why tidying is needed: one paragraph with bullets in it


@pytest.mark.parametrize("pasted, items", [(OUTLOOK_BULLETS, 2), (DASH_BULLETS, 2)])
def test_other_pasted_bullets_become_lists(pasted, items):
    assert render_markdown(tidy_pasted(pasted)).count("<li>") == items


def test_ordinary_sentences_starting_with_o_or_a_dash_are_left_alone():
    text = "o dear, I thought.\n– and then it rained."
    assert tidy_pasted(text) == text


def test_pasted_html_bold_and_italic_become_markdown_emphasis():
    pasted = "It is <b>not</b> your fault, and <i>you</i> are <STRONG>not alone</STRONG>."
    assert tidy_pasted(pasted) == "It is **not** your fault, and *you* are **not alone**."
    assert tidy_pasted("<b>bold </b>word") == "**bold** word"
    # Google Docs wraps a whole paste in a bold tag that is not bold.
    docs = '<b style="font-weight:normal;" id="docs-internal-guid-1">Plain text</b>'
    assert tidy_pasted(docs) == "Plain text"


def test_code_blocks_are_not_tidied():
    text = "```\n•\tkeep <b>this</b>\n```"
    assert tidy_pasted(text) == text


def test_what_the_sanitiser_removes_is_described():
    text = (
        "Intro\n\n<iframe src='https://video.example/x'></iframe>\n\n"
        "<img src='https://example.org/a.jpg' alt='A'>\n\n"
        '<p style="color:red" onclick="x()">Hi</p>\n\n[link](javascript:alert(1))'
    )
    removed = removed_from(text)
    assert removed[0] == "an embedded frame (<iframe>)"
    assert any(item.startswith("an image from another address (<img>)") for item in removed)
    assert removed_from("![A lake](image:42)") == []  # the article's own images stay
    assert "styling (style=…)" in removed
    assert "a script in an attribute (onclick=…)" in removed
    assert "a link to a “javascript:” address" in removed
    assert removed_from("## Plain\n\nMarkdown **only** with [a link](https://example.org).") == []


@pytest.mark.django_db
def test_saving_pasted_text_tidies_it_and_warns_about_what_is_removed(client):
    editor = make_staff_user("editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    now = timezone.localtime()
    body = (
        WORD_BULLETS
        + "\n\nIt is <b>not</b> your fault.\n\n<iframe src='https://x.example'></iframe>"
    )

    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "title": "Sleep",
            "slug": "sleep",
            "summary": "On sleep.",
            "body": body,
            "status": "draft",
            "publish_at_0": now.strftime("%d/%m/%Y"),
            "publish_at_1": now.strftime("%H:%M:%S"),
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
            "_save": "Save",
        },
        follow=True,
    )

    article = Article.objects.get(slug="sleep")
    assert "- A regular bedtime" in article.body
    assert "It is **not** your fault." in article.body
    assert article.body_html.count("<li>") == 4
    assert "<strong>not</strong>" in article.body_html
    assert "Removed from the body" in response.text
    assert "an embedded frame (&lt;iframe&gt;)" in response.text


@pytest.mark.django_db
def test_title_says_its_limit_and_warns_when_search_engines_would_cut_it(client):
    editor = make_staff_user("editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    form = client.get(reverse("admin:articles_article_add")).text
    assert 'maxlength="200"' in form
    assert "Up to 200 characters" in form and "about the first 65" in form

    now = timezone.localtime()
    title = "Why sleep matters so much for your mood, your memory and your relationships"
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "title": title,
            "slug": "why-sleep",
            "summary": "On sleep.",
            "body": "Words.",
            "status": "draft",
            "publish_at_0": now.strftime("%d/%m/%Y"),
            "publish_at_1": now.strftime("%H:%M:%S"),
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
            "_save": "Save",
        },
        follow=True,
    )
    assert f"The title is {len(title)} characters long" in response.text
