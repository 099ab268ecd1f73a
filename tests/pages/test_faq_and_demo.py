"""Questions and answers, fees tables, and the demo pages a newcomer sees."""

import json
import re

import pytest
from django.core.management import call_command
from django.test import Client

from pages.models import MenuLink, Page
from tests.pages.conftest import make_page

pytestmark = pytest.mark.django_db

FAQ = """Read these first.

## Before you start

### Do I need a GP referral?
No. You can **contact us** yourself.

### How much does it cost?
| Session | Fee |
|---|---|
| Individual | £70 |

```
### not a question: inside code
```

## Sessions

Online or in person.
"""


def json_ld(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_an_faq_page_shows_each_question_as_one_to_open(db):
    make_page("Questions", slug="faq", kind=Page.Kind.FAQ, body=FAQ)
    html = Client().get("/faq/").text
    assert html.count("<details") == 2
    assert "<summary>Do I need a GP referral?</summary>" in html
    assert "<strong>contact us</strong>" in html
    assert "<td>£70</td>" in html
    assert "### not a question: inside code" in html
    # A ## heading ends the answer above it: it is the page's text again.
    after_questions = html.rsplit("</details>", 1)[1]
    assert 'id="section-sessions">Sessions</h2>' in after_questions


def test_an_faq_page_tells_search_engines_its_questions(db):
    make_page("Questions", slug="faq", kind=Page.Kind.FAQ, body=FAQ)
    data = json_ld(Client().get("/faq/").text)
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"][0] == {
        "@type": "Question",
        "name": "Do I need a GP referral?",
        "acceptedAnswer": {"@type": "Answer", "text": "No. You can contact us yourself."},
    }
    assert len(data["mainEntity"]) == 2


def test_a_question_typed_with_html_stays_text(db):
    make_page(
        "Questions", slug="faq", kind=Page.Kind.FAQ, body="### Is <script>x</script> ok?\nYes."
    )
    html = Client().get("/faq/").text
    assert "<summary>Is &lt;script&gt;x&lt;/script&gt; ok?</summary>" in html
    assert json_ld(html)["mainEntity"][0]["name"] == "Is <script>x</script> ok?"
    assert "<script>x" not in html


def test_an_ordinary_page_keeps_its_headings_and_is_a_webpage(db):
    page = make_page(body="### Not a question\nWords.", last_reviewed="2026-09-01")
    html = Client().get("/fees/").text
    assert "<details" not in html
    assert json_ld(html)["@type"] == "WebPage"
    assert 'Last reviewed\n        <time datetime="2026-09-01">1 September 2026</time>' in html
    # Changing its kind later re-renders the stored text.
    page.kind = Page.Kind.FAQ
    page.save(update_fields=["kind"])
    page.refresh_from_db()
    assert "<summary>Not a question</summary>" in page.body_html
    assert page.questions == [{"question": "Not a question", "answer": "Words."}]


def test_rerendering_markdown_keeps_the_questions(db):
    page = make_page("Questions", slug="faq", kind=Page.Kind.FAQ, body=FAQ)
    call_command("rerender_markdown", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.refresh_from_db()
    assert page.body_html.count("<details") == 2


def test_the_demo_has_the_pages_a_uk_practice_needs_in_its_menus(db):
    call_command("load_demo", "--force", "--no-user", stdout=open("/dev/null", "w"))  # noqa: SIM115
    slugs = set(Page.objects.published().values_list("slug", flat=True))
    assert {"about", "fees", "faq", "accessibility", "complaints"} <= slugs
    home = Client().get("/").text
    footer = home.split('aria-label="About the practice"', 1)[1].split("</nav>", 1)[0]
    for url in ("/about/", "/fees/", "/faq/", "/accessibility/", "/complaints/"):
        assert f'href="{url}"' in footer
    header = home.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/about/"' in header and 'href="/fees/"' in header
    fees = Client().get("/fees/").text
    assert "£70" in fees and "48 hours" in fees and "<table>" in fees
    complaints = Client().get("/complaints/").text
    assert "BACP" in complaints and "UKCP" in complaints
    assert json_ld(Client().get("/faq/").text)["@type"] == "FAQPage"
    # Loading again duplicates nothing.
    links = MenuLink.objects.count()
    call_command("load_demo", "--force", "--no-user", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert MenuLink.objects.count() == links
