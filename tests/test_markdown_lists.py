"""Lists and footnotes as editors type them: what they see in the admin is what visitors get.

Editors are not developers: they type a list straight under a line of text, and indent a
nested item by two spaces. Python-Markdown alone wants a blank line and four spaces.
"""

import re
from collections import Counter
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from articles.models import Article
from core.markdown import _prepare_lists, render_markdown
from tests.factories import make_article

ROOT = Path(__file__).resolve().parent.parent
SEED_BODY = ROOT / "articles" / "demo_content" / "the-space-between-coping-and-healing.md"
# The seed article as the renderer stored it before lists and footnotes were changed.
SEED_HTML = Path(__file__).resolve().parent / "markdown_golden" / (SEED_BODY.stem + ".html")


@pytest.mark.parametrize("marker", ["-", "*", "+"])
def test_a_bulleted_list_typed_under_a_line_of_text_becomes_a_list(marker):
    html = render_markdown(f"Things to try:\n{marker} one\n{marker} two")

    assert html == "<p>Things to try:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"


def test_a_numbered_list_typed_under_a_line_of_text_becomes_a_numbered_list():
    html = render_markdown("Before the first session:\n1. Book a call\n2. Fill in the form")

    assert html == (
        "<p>Before the first session:</p>\n"
        "<ol>\n<li>Book a call</li>\n<li>Fill in the form</li>\n</ol>"
    )


def test_a_year_starting_a_line_in_a_paragraph_stays_text_while_a_list_from_1_starts():
    html = render_markdown(
        "The practice opened in\n2026. A year later it moved.\n\nSteps:\n1. one\n2. two"
    )

    assert "<p>The practice opened in\n2026. A year later it moved.</p>" in html
    assert "<p>Steps:</p>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in html


def test_dash_lines_in_code_blocks_stay_code_while_the_same_lines_in_text_become_a_list():
    html = render_markdown(
        "Things to try:\n- one\n\n"
        "Indented code:\n\n    Some text\n    - x\n\n"
        "Fenced code:\n\n```\nSome text\n- x\n```\n\n"
        "~~~\nSome text\n* x\n1. y\n~~~"
    )

    assert "<p>Things to try:</p>\n<ul>\n<li>one</li>\n</ul>" in html
    assert html.count("<pre><code>Some text\n- x\n</code></pre>") == 2
    assert "<pre><code>Some text\n* x\n1. y\n</code></pre>" in html
    assert html.count("<ul>") == 1 and "<ol>" not in html


def test_an_item_indented_by_two_spaces_is_nested_as_with_four():
    two = render_markdown(
        "- Sleep\n  - a regular bedtime\n  - no screens\n    - not even the phone\n- Food"
    )
    four = render_markdown(
        "- Sleep\n    - a regular bedtime\n    - no screens\n        - not even the phone\n- Food"
    )

    assert (
        two
        == four
        == (
            "<ul>\n<li>Sleep<ul>\n<li>a regular bedtime</li>\n<li>no screens<ul>\n"
            "<li>not even the phone</li>\n</ul>\n</li>\n</ul>\n</li>\n<li>Food</li>\n</ul>"
        )
    )


def test_a_numbered_list_nests_a_bulleted_one_indented_by_two_spaces():
    html = render_markdown("1. Breathe\n  - in for four\n  - out for six\n2. Notice")

    assert html == (
        "<ol>\n<li>Breathe<ul>\n<li>in for four</li>\n<li>out for six</li>\n</ul>\n</li>\n"
        "<li>Notice</li>\n</ol>"
    )


def test_a_list_item_s_second_paragraph_indented_by_two_spaces_stays_in_the_item():
    html = render_markdown("- First\n\n  More about the first.\n- Second")

    assert html == (
        "<ul>\n<li>\n<p>First</p>\n<p>More about the first.</p>\n</li>\n"
        "<li>\n<p>Second</p>\n</li>\n</ul>"
    )


class _Links(HTMLParser):
    """The ids in a page, and where its #links go."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = Counter()
        self.targets = []
        self.tag_of = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] += 1
            self.tag_of[attrs["id"]] = tag
        if tag == "a" and (attrs.get("href") or "").startswith("#"):
            self.targets.append(attrs["href"][1:])


def _links(html):
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser


FOOTNOTES = (
    "Grief has no timetable[^1], and no right way[^2]. Again[^1].\n\n"
    "[^1]: See the NHS pages on bereavement.\n"
    "[^2]: As Worden puts it.\n"
)


@pytest.mark.parametrize(
    ("closing", "tag"),
    [("## Next section", "<h2"), ("---", "<hr"), ("> A quotation", "<blockquote")],
)
def test_a_heading_rule_or_quotation_under_an_item_s_paragraph_ends_the_list(closing, tag):
    html = render_markdown(f"1. Step\n\n   Detail\n{closing}\nText")

    assert html.index("</ol>") < html.index(tag)


def test_footnote_links_go_to_the_note_and_back_to_the_text():
    found = _links(render_markdown(FOOTNOTES))

    assert len(found.targets) == 6  # three references, three ways back
    for target in found.targets:
        assert found.ids[target] == 1, target
    assert {found.tag_of[target] for target in found.targets} == {"li", "sup"}
    assert all(target.startswith("section-fn") for target in found.targets)


def test_footnote_ids_cannot_clash_with_headings_typed_to_look_like_them():
    html = render_markdown(
        '## fn:1\n\n<h2 id="fn:1">Typed as HTML</h2>\n\n## Notes {#fnref:1}\n\n'
        '<li id="anything">x</li>\n\n' + FOOTNOTES
    )
    found = _links(html)

    assert all(count == 1 for count in found.ids.values()), found.ids
    for target in found.targets:
        assert found.tag_of[target] in {"li", "sup"}, target
    assert "section-anything" not in found.ids


@pytest.mark.django_db
def test_footnote_links_on_the_article_page_go_to_ids_on_that_page(client):
    article = make_article("Grief", body=FOOTNOTES)

    found = _links(client.get(article.get_absolute_url()).content.decode())

    footnote_targets = [t for t in found.targets if t.startswith("section-fn")]
    assert len(footnote_targets) == 6
    assert all(found.ids[target] == 1 for target in footnote_targets)


def test_the_seed_article_renders_exactly_as_before():
    html = render_markdown(SEED_BODY.read_text(encoding="utf-8"))

    assert html == SEED_HTML.read_text(encoding="utf-8").removesuffix("\n")


@pytest.mark.django_db
def test_rerender_markdown_turns_a_stored_paragraph_of_dashes_into_a_list():
    article = make_article("Old list", body="Things to try:\n- one\n- two")
    # As the renderer stored it before lists could start under a line of text.
    Article.objects.filter(pk=article.pk).update(body_html="<p>Things to try:\n- one\n- two</p>")

    call_command("rerender_markdown", stdout=StringIO())

    article.refresh_from_db()
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in article.body_html


LINES = st.sampled_from(
    [
        "", "Text", "  more", "- item", "  - item", "    - item", "1. one", "2. two",
        "2026. A year", "    code", "        code", "```", "~~~", "## Heading", "> quote",
        "| a | b |", "|---|---|", "* * *", "+ item", "* item",
    ]
)  # fmt: skip


@given(st.lists(LINES, max_size=14))
def test_preparing_lists_only_adds_blank_lines_and_changes_indentation(lines):
    prepared = _prepare_lists(lines)

    assert [line.strip() for line in prepared if line.strip()] == [
        line.strip() for line in lines if line.strip()
    ]
    assert all(re.fullmatch(r" *\S.*|", line) for line in prepared)
