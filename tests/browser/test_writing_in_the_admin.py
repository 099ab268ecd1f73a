"""Writing in the admin, in Chromium: clipboard HTML in the shapes Word 2016, Word Online and
Google Docs produce is pasted as the right Markdown (nested lists, links, no false bold), and an
article is published only after its clinical sign-off. axe on every admin page staff use:
tests/browser/test_admin_axe.py."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from articles.models import Article
from editing import writing_checks
from tests.browser.test_staff_never_lose_work import _sign_in, assert_no_axe_violations
from tests.factories import make_article, make_therapist
from tests.pages.conftest import make_page

CLIPBOARDS = Path(__file__).parent.parent / "paste_clipboards"

PASTE = """([selector, html]) => {
  const field = document.querySelector(selector);
  field.focus();
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", "plain text only");
  field.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                                   cancelable: true}));
}"""


@pytest.fixture
def staff_site(live_server, transactional_db, settings):
    settings.SITE_URL = live_server.url
    return live_server


def _paste(page, name):
    page.locator("#id_body").fill("")
    page.evaluate(PASTE, ["#id_body", (CLIPBOARDS / name).read_text()])


def test_pasted_word_and_google_docs_html_becomes_the_right_markdown(staff_site, page):
    article = make_article("Sleep", published=False)
    _sign_in(page, staff_site.url, "alex")
    page.goto(f"{staff_site.url}/admin/articles/article/{article.pk}/change/")
    body = page.locator("#id_body")

    _paste(page, "word2016.html")
    expect(body).to_have_value(
        "## When worry takes over\n\nWorry is **normal**, and *sometimes* useful. Read the "
        "[NHS page on anxiety](https://www.nhs.uk/mental-health/conditions/"
        "generalised-anxiety-disorder/) first.\n\n- Notice the worry\n  - Write it down\n"
        "  - Put it aside\n- Come back to it later\n\nAfter the list, a paragraph of its own."
        "\n\n1. Breathe in\n2. Breathe out"
    )
    expect(page.locator("#id_body-paste-note")).to_have_text(
        "1 picture was not pasted: add them from the image library (“clip_image002.jpg”)."
    )

    _paste(page, "word_online.html")
    expect(body).to_have_value(
        "Talking helps, and **so does rest**. Call [the Samaritans](https://www.samaritans.org/)"
        "\n\n- Eat regularly\n  - Breakfast counts\n- Go outside each day\n\nA closing line."
    )
    expect(page.locator("#id_body-paste-note")).to_have_text("")

    _paste(page, "google_docs.html")
    expect(body).to_have_value(re.compile(r"wake up is \*\*the one habit\*\* that helps"))
    value = body.input_value()
    assert value.count("**") == 2  # Google Docs' wrapper is not bold
    assert "- Keep the room cool\n  - Around 18 degrees\n- No screens in bed" in value
    assert_no_axe_violations(page)
    _leave_unchanged(page, article)


def test_an_article_is_published_only_after_its_clinical_sign_off(staff_site, page):
    priya = make_therapist("Priya Raman")
    article = make_article("Sleep", published=False)
    _sign_in(page, staff_site.url, "alex")
    page.goto(f"{staff_site.url}/admin/articles/article/{article.pk}/change/")
    page.locator("#id_status").select_option("published")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator("#content-main")).to_contain_text("signs the article off before it is")
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT

    page.locator("#id_reviewer").select_option(str(priya.pk))
    page.locator("#id_review_note").fill("Read by Priya on 3 May, approved by email.")
    page.get_by_label("I have reviewed the whole article").check()
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    expect(page.locator("#content-main")).to_contain_text("Signed off by Priya Raman")


def test_the_checks_panel_follows_the_text_as_it_is_typed(staff_site, page):
    article = make_article("Sleep", published=False, body="## Sleep\n\nRest well.")
    alex = _sign_in(page, staff_site.url, "alex")
    page.goto(f"{staff_site.url}/admin/articles/article/{article.pk}/change/")
    panel = page.locator(".writing-checks")
    expect(panel).to_contain_text("No headings, pictures or links to look at again.")
    page.locator("#id_body").fill("## Sleep\n\nRead more [click here](https://www.nhs.uk/).")
    expect(panel).to_contain_text("“click here”: say where the link goes instead.")
    _leave_unchanged(page, article)

    # A page's body has the same panel, under its own box.
    fees = make_page(body="## Our fees\n\nA session costs £70.")
    alex.user_permissions.add(*Permission.objects.filter(content_type__app_label="pages"))
    page.goto(f"{staff_site.url}/admin/pages/page/{fees.pk}/change/")
    panel = page.locator(".field-body_checks .writing-checks")
    expect(panel).to_contain_text("No headings, pictures or links to look at again.")
    page.locator("#id_body").fill("# Fees\n\nSee https://example.org/fees for the list.")
    expect(panel).to_contain_text("“Fees” is a level-1 heading")
    expect(panel).to_contain_text("“https://example.org/fees”: a bare address")
    _leave_unchanged(page, fees)


def _leave_unchanged(page, article):
    """The saved text back in the box: closing the tab then sends no autosave, which would race
    the end of the test's database."""
    page.locator("#id_body").fill(article.body)
    # The checks panel's refresh (a second after typing) has come back: nothing left in flight.
    words = writing_checks.check(article.body).words
    expect(page.locator(".writing-checks")).to_contain_text(f"{words} words, about")
    page.wait_for_load_state("networkidle")
