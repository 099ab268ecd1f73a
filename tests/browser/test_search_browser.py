"""A visitor searches from the header of an article page and opens a result (issue 14)."""

import re

from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations

SEED_TITLE = "The Space Between Coping and Healing"


def test_visitor_searches_from_an_article_header_and_opens_a_result(site, page):
    page.goto(site.url + "/articles/how-cbt-works/")
    header_search = page.get_by_role("search", name="Site")
    box = header_search.get_by_role("searchbox", name="Search the site")
    box.fill("coping")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=coping$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    # The query stays in the page's own box.
    expect(page.locator("#search-q")).to_have_value("coping")
    articles = page.get_by_role("region", name=re.compile("^Articles"))
    expect(articles.locator("mark").first).to_have_text(re.compile("coping", re.I))
    assert_no_axe_violations(page)

    articles.get_by_role("link", name=re.compile(SEED_TITLE)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(SEED_TITLE)


def test_the_search_box_works_by_keyboard_alone_at_375px(site, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site.url + "/")
    box = page.locator("#site-search-q")
    for _ in range(12):
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("the header's search box is not reachable with Tab")
    outline = box.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.type("Amelia")
    page.keyboard.press("Enter")
    expect(page.get_by_role("region", name=re.compile("^Therapists"))).to_contain_text(
        "Amelia Hart"
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375


def test_a_misspelled_risk_query_and_a_corrected_typo_read_well_at_375_and_1280px(site, page):
    """Issue 24: the crisis box comes first, even misspelled; a typo shows what it found."""
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(site.url + "/search/?q=self+harn")
        first = page.locator("main .search-page > *").first
        expect(first).to_have_class(re.compile("search-care"))
        expect(page.get_by_text("Did you mean")).to_have_count(0)
        expect(page.get_by_text("Showing results for")).to_have_count(0)
        assert_no_axe_violations(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        page.goto(site.url + "/search/?q=traumma")
        expect(page.locator(".search-corrected")).to_contain_text("Showing results for trauma")
        expect(page.get_by_role("region", name=re.compile("^Topics and concerns"))).to_contain_text(
            "Trauma"
        )
        assert_no_axe_violations(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
