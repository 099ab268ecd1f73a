"""Headings and ids typed by staff never take an id the page itself uses.

The header's "Need urgent help?" link goes to the footer's #urgent-help, the skip link to
#main, a profile's "Get in touch" link to #get-in-touch: an article heading with the same
words must not capture those links.
"""

import re
from collections import Counter

import pytest

from core.markdown import render_markdown
from tests.factories import make_article, make_modality, make_therapist

pytestmark = pytest.mark.django_db

# Headings whose plain slugs are ids the site's own templates use.
CLASHING_MARKDOWN = (
    "## Urgent help\n\nCall us.\n\n## Main\n\nText.\n\n## Get in touch\n\nWrite.\n\n"
    "## Contact\n\nPhone.\n\n"
    '<h2 id="urgent-help">Typed as HTML</h2>\n\n<h3 id="main">Also typed as HTML</h3>\n'
)


def _ids(html):
    return Counter(re.findall(r'\sid="([^"]*)"', html))


def _assert_each_id_once(html):
    repeated = {name: count for name, count in _ids(html).items() if count > 1}
    assert repeated == {}


def test_article_headings_do_not_repeat_the_pages_own_ids(client):
    article = make_article("Finding help", body=CLASHING_MARKDOWN)

    html = client.get(article.get_absolute_url()).content.decode()

    _assert_each_id_once(html)
    # The page's own anchors are still there, and still the footer's.
    assert 'id="urgent-help"' in html and 'id="main"' in html
    assert html.index('id="urgent-help"') > html.index("</main>")


def test_biography_headings_do_not_repeat_the_profiles_own_ids(client):
    therapist = make_therapist("Ada Byron", biography=CLASHING_MARKDOWN)

    html = client.get(therapist.get_absolute_url()).content.decode()

    _assert_each_id_once(html)
    assert 'id="get-in-touch"' in html


def test_modality_explainer_headings_do_not_repeat_the_pages_own_ids(client):
    modality = make_modality("Schema therapy", explainer=CLASHING_MARKDOWN)

    html = client.get(modality.get_absolute_url()).content.decode()

    _assert_each_id_once(html)


def test_every_id_in_rendered_markdown_has_the_prefix_and_is_used_once():
    html = render_markdown(CLASHING_MARKDOWN + "\n[TOC]\n")

    assert _ids(html) == {
        "section-urgent-help": 1,
        "section-main": 1,
        "section-get-in-touch": 1,
        "section-contact": 1,
    }
    # The contents list made by [TOC] links to the prefixed ids.
    assert '<a href="#section-urgent-help">Urgent help</a>' in html
