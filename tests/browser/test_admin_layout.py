"""The admin at 1280 px, in Chromium: the therapist edit page (memberships inline, help texts)
fits without scrolling sideways and each help text stands apart from the next field; no column
header or cell of a content list is cut off."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_staff_never_lose_work import PASSWORD, assert_no_axe_violations
from tests.factories import make_enquiry, make_staff_user
from therapists.models import Therapist

WIDTH = 1280

# Each help text's bottom, and the top of the next field's row below it (same fieldset).
HELP_GAPS = """() => [...document.querySelectorAll("fieldset .form-row .help")]
  .filter((help) => help.offsetParent !== null)
  .map((help) => {
    const row = help.closest(".form-row");
    let next = row.nextElementSibling;
    while (next && next.offsetParent === null) next = next.nextElementSibling;
    if (!next) return null;
    const label = next.querySelector("label, .readonly, input, select, textarea") || next;
    return {
      help: help.textContent.trim().slice(0, 40),
      gap: label.getBoundingClientRect().top - help.getBoundingClientRect().bottom,
    };
  })
  .filter(Boolean)"""

# Help texts side by side (several fields on one line): the gap between one's last word and
# the next one's first.
SIDE_BY_SIDE = """() => [...document.querySelectorAll("fieldset .form-multiline")].flatMap((line) => {
  const texts = [...line.querySelectorAll(":scope > div > .help")].map((help) => {
    const range = document.createRange();
    range.selectNodeContents(help);
    return { text: help.textContent.trim().slice(0, 30), box: range.getBoundingClientRect() };
  });
  return texts.slice(1)
    .map((next, i) => ({ after: texts[i].text, next: next.text, prev: texts[i].box, box: next.box }))
    .filter((pair) => Math.abs(pair.box.top - pair.prev.top) < 4)
    .map((pair) => ({ after: pair.after, next: pair.next, gap: pair.box.left - pair.prev.right }));
})"""

# Every header and cell of the list whose text is wider than its box (cut off, or spilling into
# the next column), and whether the list itself scrolls sideways.
CUT_OFF = """() => {
  const cut = [...document.querySelectorAll("#result_list th, #result_list td")]
    .filter((cell) => cell.offsetParent !== null)
    .flatMap((cell) => [cell, ...cell.querySelectorAll("a, span, div")])
    .filter((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
    .map((el) => el.textContent.trim().slice(0, 40));
  const list = document.querySelector("#changelist");
  return {
    cut,
    page: document.documentElement.scrollWidth,
    list: list ? list.scrollWidth - list.clientWidth : 0,
  };
}"""


@pytest.fixture
def boss(site, page):
    make_staff_user("robin", is_superuser=True)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    page.goto(site.url + "/admin/")
    page.locator("#id_username").fill("robin")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page.locator("#logout-form")).to_be_attached()
    return page


def test_the_therapist_edit_page_fits_1280_pixels_with_help_texts_apart(site, boss):
    page = boss
    therapist = Therapist.objects.filter(memberships__isnull=False).first()
    page.goto(f"{site.url}/admin/therapists/therapist/{therapist.pk}/change/")
    expect(page.locator("#memberships-group")).to_be_visible()

    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    gaps = page.evaluate(HELP_GAPS)
    assert gaps, "no help texts measured"
    crowded = [g for g in gaps if g["gap"] < 8]
    assert not crowded, crowded
    side_by_side = page.evaluate(SIDE_BY_SIDE)
    assert side_by_side, "no help texts side by side measured"
    run_on = [pair for pair in side_by_side if pair["gap"] < 16]
    assert not run_on, run_on
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    "changelist",
    [
        "articles/article",
        "therapists/therapist",
        "articles/topic",
        "therapists/modality",
        "enquiries/enquiry",
        "redirects/redirect",
    ],
)
def test_no_list_column_is_cut_off_at_1280_pixels(site, boss, changelist):
    page = boss
    make_enquiry("Sam Example-Longname", phone="07700 900123")
    from articles.models import Article

    article = Article.objects.order_by("pk").first()
    article.slug = f"{article.slug}-renamed"
    article.save()
    page.goto(f"{site.url}/admin/{changelist}/")
    expect(page.locator("#result_list")).to_be_visible()

    found = page.evaluate(CUT_OFF)

    assert found["cut"] == []
    assert found["list"] <= 0
    assert found["page"] <= WIDTH
