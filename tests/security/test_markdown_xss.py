"""Markdown typed by staff renders inert in all three places it is shown to visitors.

Each payload goes through a model save (Article body, Therapist biography, Modality explainer)
and the stored HTML is read the way a browser reads it. In the HTML rendered before the
sanitiser, the same checker must find problems, so these tests can fail.
"""

import html
import re
from html.parser import HTMLParser

import pytest

from core import markdown as site_markdown
from tests.factories import make_article, make_modality, make_therapist

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)" />',
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<p style='background-image:url(javascript:alert(1))'>styled</p>",
    '<a href="javascript:alert(1)">link</a>',
    '<a href="  JaVaScRiPt:alert(1)">link</a>',
    '<a href="java\tscript:alert(1)">link</a>',
    '<a href="java&#x0A;script:alert(1)">link</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">link</a>',
    '<a href="&#0000106&#0000097vascript:alert(1)">link</a>',
    '<a href="data:text/html,<script>alert(1)</script>">link</a>',
    '<a href="vbscript:msgbox(1)">link</a>',
    "[link](javascript:alert(1))",
    "[link](  javascript:alert(1)  )",
    "[link](jav&#x09;ascript:alert(1))",
    "[link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](javascript:alert(1))",
    '![img](x "title" onerror="alert(1)")',
    "[ref]: javascript:alert(1)\n\n[link][ref]",
    '<http://x.example/"onmouseover="alert(1)>',
    '<div onmouseover="alert(1)">hover</div>',
    '<details open ontoggle="alert(1)">d</details>',
    '<video><source onerror="alert(1)"></video>',
    "<audio src=x onerror=alert(1)>",
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<button formaction="javascript:alert(1)">go</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--><script>alert(1)</script>-->",
    '"><img src=x onerror=alert(1)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<a href="#" id="x" onclick="alert(1)">x</a>',
    '<img srcset="javascript:alert(1) 1x">',
    "```\n<script>alert(1)</script>\n```",
]

# Elements that run script, load another document or carry CSS.
FORBIDDEN_ELEMENTS = {
    "script", "iframe", "frame", "object", "embed", "applet", "style", "link", "meta", "base",
    "svg", "math", "form", "noscript", "template",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "background", "poster",
    "srcset", "srcdoc", "lowsrc", "dynsrc", "cite",
}  # fmt: skip
UNSAFE_SCHEMES = {"javascript", "data", "vbscript"}


def url_scheme(value):
    """The scheme a browser would use (WHATWG URL parsing): entities decoded, leading and
    trailing controls and spaces stripped, tabs and newlines removed anywhere, lowercased."""
    url = html.unescape(value).strip("".join(map(chr, range(0x21))))
    url = re.sub(r"[\t\n\r]", "", url).lower()
    match = re.match(r"([a-z][a-z0-9+.\-]*):", url)
    return match.group(1) if match else ""


class Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name} attribute on <{tag}>")
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name in URL_ATTRIBUTES and value and url_scheme(value) in UNSAFE_SCHEMES:
                self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def problems_in(rendered):
    inspector = Inspector()
    inspector.feed(rendered)
    inspector.close()
    return inspector.problems


def render_everywhere(text):
    """The HTML stored for each of the three Markdown fields, after an ordinary save."""
    return {
        "article body": make_article(body=text).body_html,
        "therapist biography": make_therapist(biography=text).biography_html,
        "modality explainer": make_modality(explainer=text).explainer_html,
    }


def test_there_are_at_least_thirty_payloads():
    assert len(set(PAYLOADS)) >= 30


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_renders_inert_everywhere(payload):
    for field, rendered in render_everywhere(payload).items():
        assert problems_in(rendered) == [], f"{field}: {rendered}"


def test_without_the_sanitiser_the_same_checks_find_the_attacks():
    caught = [
        payload for payload in PAYLOADS if problems_in(site_markdown.render_unsanitised(payload))
    ]
    # Nearly every payload gets through raw Markdown; the checker sees them.
    assert len(caught) >= 30, sorted(set(PAYLOADS) - set(caught))


def test_ordinary_markdown_survives_the_sanitiser():
    text = "## Sleep\n\nRead [the NHS page](https://www.nhs.uk/) or call [111](tel:111)."
    for rendered in render_everywhere(text).values():
        assert '<a href="https://www.nhs.uk/" rel="noopener">the NHS page</a>' in rendered
        assert '<a href="tel:111">111</a>' in rendered


@pytest.mark.parametrize(
    ("value", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        (" \tJaVa\nScRiPt:alert(1)", "javascript"),
        ("\x01java\rscript:alert(1)", "javascript"),
        ("java   script:alert(1)", ""),  # spaces inside: a relative address, not a scheme
        ("&#106;avascript&colon;x", "javascript"),
        ("data:text/html,x", "data"),
        ("https://example.org/", "https"),
        ("/relative/path", ""),
    ],
)
def test_the_checker_reads_schemes_as_a_browser_does(value, scheme):
    assert url_scheme(value) == scheme
