"""axe-core (bundled by axe-playwright-python) with the rules every real-browser check uses."""

from axe_playwright_python.sync_playwright import Axe

axe = Axe()
# WCAG 2.0-2.2 A and AA (2.2 adds target size, which axe does not run by default) and axe's
# best practices (landmarks, headings, unique names).
WCAG_AND_BEST_PRACTICE = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
    # No CSSOM preload: axe fetches a stylesheet's @import relative to the page, not to the
    # stylesheet (dequelabs/axe-core#5268), so Django admin's forms.css made it ask for
    # /admin/.../change/widgets.css, a request the page fixture reports as a console error when
    # it fails. Only css-orientation-lock reads the preloaded CSSOM, and that bug leaves its
    # result wrong anyway; our one stylesheet locks no orientation.
    "preload": False,
}


def assert_no_axe_violations(page):
    """The page as it stands breaks no WCAG 2.2 A/AA rule and no axe best practice."""
    results = axe.run(page, options=WCAG_AND_BEST_PRACTICE)
    assert results.violations_count == 0, results.generate_report()
