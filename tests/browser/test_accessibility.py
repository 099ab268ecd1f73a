"""axe-core (bundled by axe-playwright-python) finds no WCAG or best-practice problem on any
page type, in the light scheme and, for colour contrast, in the dark scheme too."""

from tests.browser.axe import WCAG_AND_BEST_PRACTICE, assert_no_axe_violations, axe
from tests.browser.pages import PAGINATED, assert_pagination_shown, page_types


def _report(problems):
    return "\n\n".join(f"=== {name} ({url})\n{report}" for name, url, report in problems)


def test_every_page_type_has_no_axe_violations(site, page):
    problems = []
    checked = []
    for name, path in page_types():
        response = page.goto(site.url + path)
        assert response.status == (404 if name == "not-found" else 200), name
        if name == PAGINATED:
            assert_pagination_shown(page)
        results = axe.run(page, options=WCAG_AND_BEST_PRACTICE)
        checked.append(name)
        if results.violations_count:
            problems.append((name, path, results.generate_report()))
    assert len(checked) == 25
    assert PAGINATED in checked
    assert not problems, _report(problems)


def test_text_contrast_holds_in_dark_mode(site, page):
    page.emulate_media(color_scheme="dark")
    problems = []
    for name, path in page_types():
        page.goto(site.url + path)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(19, 28, 27)", f"{name} is not in the dark scheme"
        results = axe.run(page, options={"runOnly": ["color-contrast"]})
        if results.violations_count:
            problems.append((name, path, results.generate_report()))
    assert not problems, _report(problems)


def test_the_500_page_is_accessible_and_offers_help(site, page, settings, artifacts):
    settings.ROOT_URLCONF = "tests.design.urls_boom"  # the site, plus a view that fails
    response = page.goto(site.url + "/boom/")
    assert response.status == 500
    assert "Sorry, something went wrong" in page.get_by_role("heading", level=1).inner_text()
    assert page.locator("#urgent-help").get_by_role("link", name="999").is_visible()
    assert_no_axe_violations(page)
    (artifacts / "screenshots").mkdir(exist_ok=True)
    page.screenshot(path=artifacts / "screenshots" / "server-error-1280.png", full_page=True)


TRUST_PAGES = {
    "article",
    "article-review-due",
    "article-support-box",
    "profile",
    "profile-first-step",
    "profile-ask",
    "directory-reduced-fee",
    "editorial-policy",
    "report-problem",
    "contact",
}


def test_review_availability_and_report_pages_have_no_axe_violations_on_a_phone(site, page):
    """The pages issue 16 changed, at 375 px too (the check above runs at 1280 px)."""
    page.set_viewport_size({"width": 375, "height": 800})
    problems = []
    checked = []
    for name, path in page_types():
        if name not in TRUST_PAGES:
            continue
        assert page.goto(site.url + path).status == 200, name
        results = axe.run(page, options=WCAG_AND_BEST_PRACTICE)
        checked.append(name)
        if results.violations_count:
            problems.append((name, path, results.generate_report()))
    assert set(checked) == TRUST_PAGES
    assert not problems, _report(problems)
