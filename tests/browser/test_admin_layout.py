"""The admin at 1280 px, in Chromium: the therapist edit page (memberships inline, help texts)
fits without scrolling sideways and each help text stands apart from the next field; no column
header or cell of a content list is cut off."""

import pytest
from playwright.sync_api import expect

from articles.models import ArticleImage
from enquiries.models import ProblemReport
from redirects.models import NotFoundPath
from tests.articles.test_image_library import upload
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
# the next column); the headers whose right edge is past the box the table scrolls in (out of
# sight until someone scrolls it sideways: Django's .results box scrolls, not the page); and
# whether the list itself scrolls sideways.
CUT_OFF = """() => {
  const cut = [...document.querySelectorAll("#result_list th, #result_list td")]
    .filter((cell) => cell.offsetParent !== null)
    .flatMap((cell) => [cell, ...cell.querySelectorAll("a, span, div")])
    .filter((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
    .map((el) => el.textContent.trim().slice(0, 40));
  const box = document.querySelector("#result_list").parentElement.getBoundingClientRect();
  const hidden = [...document.querySelectorAll("#result_list thead th")]
    .filter((th) => th.getBoundingClientRect().right > Math.min(box.right, innerWidth) + 1)
    .map((th) => th.textContent.trim());
  const list = document.querySelector("#changelist");
  return {
    cut,
    hidden,
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
        "articles/articleimage",
        "enquiries/problemreport",
        "redirects/notfoundpath",
    ],
)
def test_no_list_column_is_cut_off_at_1280_pixels(site, boss, changelist):
    page = boss
    make_enquiry("Sam Example-Longname", phone="07700 900123")
    _library_images()
    ProblemReport.objects.create(page="/therapists/someone-who-left/", problem="A broken link.")
    NotFoundPath.objects.create(path="/blog/2019/03/an-old-post-about-sleep-and-worry/", hits=4)
    from articles.models import Article

    article = Article.objects.order_by("pk").first()
    article.slug = f"{article.slug}-renamed"
    article.save()
    page.goto(f"{site.url}/admin/{changelist}/")
    expect(page.locator("#result_list")).to_be_visible()

    found = page.evaluate(CUT_OFF)

    assert found["hidden"] == []
    assert found["cut"] == []
    assert found["list"] <= 0
    assert found["page"] <= WIDTH


def _library_images():
    """An imported picture still named by its file, and one described at length and captioned."""
    ArticleImage.objects.create(image=upload(), alt="MAKINGIT_Therapy_Room_2765x2081px.jpg")
    ArticleImage.objects.create(
        image=upload(),
        alt="Two armchairs by the window of the practice's quiet room, a low table between them",
        caption="The quiet room on the first floor, where most first conversations happen.",
    )


def test_every_column_of_the_image_library_shows_at_1280_pixels(site, boss):
    # With the admin's menu and the list's filter both open: about 630 px for the table.
    page = boss
    _library_images()
    page.goto(f"{site.url}/admin/articles/articleimage/")
    expect(page.locator("#nav-sidebar")).to_be_visible()
    expect(page.locator("#changelist-filter")).to_be_visible()

    found = page.evaluate(CUT_OFF)

    assert found["hidden"] == []
    assert found["cut"] == []
    assert found["page"] <= WIDTH
    assert page.locator("#result_list thead th").last.inner_text().strip().lower() == "added"
