"""Markdown typed into an article body renders inert: no script ever reaches a visitor."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from core import markdown as site_markdown
from tests.factories import make_article

pytestmark = pytest.mark.django_db

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<svg onload="alert(1)"></svg>',
    '<body onload="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onmouseover="alert(1)">hover</div>',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<details open ontoggle="alert(1)">',
    '<video><source onerror="alert(1)"></video>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<<script>script>alert(1)<</script>/script>",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<!--<script>alert(1)</script>-->",
    '"><script>alert(1)</script>',
    "`<script>alert(1)</script>`",
]

DANGEROUS_ELEMENTS = {
    "script", "iframe", "object", "embed", "style", "form", "meta", "base", "link", "svg", "math",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")


class _Inspector(HTMLParser):
    """Reads the HTML as a browser would and lists anything that could run script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_ELEMENTS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                # The scheme as a browser reads it: entities decoded, whitespace/controls gone.
                url = re.sub(r"[\x00-\x20]", "", value).lower()
                if url.startswith(UNSAFE_SCHEMES):
                    self.problems.append(f"{name}={url!r}")


def _dangers(html):
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payload_in_article_body_is_inert(payload):
    article = make_article(body=f"Some text.\n\n{payload}\n\nMore text.")

    assert _dangers(article.body_html) == []


def test_the_check_catches_payloads_that_only_the_sanitiser_stops():
    """Proves the test above can fail: Markdown alone lets the same payloads through."""
    unsanitised = {p: site_markdown.render_unsanitised(p) for p in XSS_PAYLOADS}

    caught = [p for p, html in unsanitised.items() if _dangers(html)]

    assert len(caught) >= 20
    assert [p for p in caught if _dangers(site_markdown.sanitise(unsanitised[p]))] == []


def test_safe_markdown_survives_with_heading_ids_and_noopener():
    article = make_article(
        body="## Getting help\n\nSee [NHS](https://www.nhs.uk/) and [us](/therapists/).\n\n"
        "- one\n- two\n\n**bold** and *italic*"
    )

    html = article.body_html
    assert '<h2 id="section-getting-help">Getting help</h2>' in html
    assert '<a href="https://www.nhs.uk/" rel="noopener">NHS</a>' in html
    assert '<a href="/therapists/">us</a>' in html
    assert "<li>one</li>" in html and "<strong>bold</strong>" in html


EXTERNAL_LINKS = [
    "[NHS](https://www.nhs.uk/)",
    '<a href="https://www.nhs.uk/">NHS</a>',
    '<a href="https://www.nhs.uk/" rel="opener">NHS</a>',
    '<a rel="nofollow opener" href="http://www.nhs.uk/">NHS</a>',
    '<a href="//www.nhs.uk/">NHS</a>',
    "[NHS](//www.nhs.uk/)",
    '<a href="/\\www.nhs.uk/">NHS</a>',  # browsers read "/\host" as "//host"
    '<a href=" HTTPS://www.nhs.uk/">NHS</a>',
]


@pytest.mark.parametrize("body", EXTERNAL_LINKS)
def test_every_external_link_gets_noopener_whatever_the_author_typed(body):
    html = site_markdown.render_markdown(body)

    assert re.search(r'<a href="[^"]*" rel="noopener">NHS</a>', html), html
    assert html.count("rel=") == 1


INTERNAL_LINKS = [
    "[us](/therapists/)",
    '<a href="/therapists/" rel="opener">us</a>',
    '<a href="therapists/" rel="noopener">us</a>',
    "[top](#section-sleep)",
    '<a href="#top" rel="opener">top</a>',
    "[own site](https://smarttherapy.example/therapists/)",
    '<a href="//smarttherapy.example/therapists/" rel="opener">own site</a>',
    "[phone](tel:111)",
    "[mail](mailto:hello@smarttherapy.example)",
]


@pytest.mark.parametrize("body", INTERNAL_LINKS)
def test_internal_links_keep_no_rel_whatever_the_author_typed(settings, body):
    settings.SITE_URL = "https://smarttherapy.example"

    html = site_markdown.render_markdown(body)

    assert "<a href=" in html and "rel=" not in html, html


def test_body_is_rendered_when_saved_and_reading_time_computed():
    article = make_article(body="word " * 401)

    assert article.reading_time == 3
    article.body = "## Changed"
    article.save()
    assert article.body_html == '<h2 id="section-changed">Changed</h2>'


@pytest.mark.parametrize(
    "body",
    [
        "![A chart](https://images.example.org/chart.png)",
        '<img src="https://images.example.org/chart.png" alt="A chart">',
        "![A chart](/media/chart.png)",
    ],
)
def test_images_in_the_text_are_removed(client, body):
    """Inline images are not a feature: from other hosts they would break under the CSP."""
    article = make_article("Pictured", body=f"Before.\n\n{body}\n\nAfter.")

    html = client.get(article.get_absolute_url()).content.decode()
    article_html = html.split("Before.", 1)[1].split("After.", 1)[0]

    assert "<img" not in article.body_html
    assert "<img" not in article_html
    assert "chart.png" not in html


def test_the_editors_help_text_says_how_to_place_a_picture(admin_client):
    html = admin_client.get(reverse("admin:articles_article_add")).content.decode()

    assert "goes under “Image”" in html
    assert "(image:42)" in html
