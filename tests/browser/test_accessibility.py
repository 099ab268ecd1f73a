"""axe-core (bundled by axe-playwright-python) finds no WCAG or best-practice problem on any
page type, in the light scheme and, for colour contrast, in the dark scheme too."""

from axe_playwright_python.sync_playwright import Axe

from tests.browser.pages import page_types

axe = Axe()


def _report(problems):
    return "\n\n".join(f"=== {name} ({url})\n{report}" for name, url, report in problems)


def test_every_page_type_has_no_axe_violations(site, page):
    problems = []
    checked = []
    for name, path in page_types():
        response = page.goto(site.url + path)
        assert response.status == (404 if name == "not-found" else 200), name
        results = axe.run(page)
        checked.append(name)
        if results.violations_count:
            problems.append((name, path, results.generate_report()))
    assert len(checked) >= 10
    assert not problems, _report(problems)


def test_text_contrast_holds_in_dark_mode(site, page):
    page.emulate_media(color_scheme="dark")
    problems = []
    for name, path in page_types():
        page.goto(site.url + path)
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        results = axe.run(page, options={"runOnly": ["color-contrast"]})
        if results.violations_count:
            problems.append((name, path, results.generate_report()))
    assert not problems, _report(problems)
