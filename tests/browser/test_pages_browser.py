"""A page staff write, and its admin, in Chromium: axe finds nothing at 375 and 1280 px, the FAQ's
questions open with the keyboard, and a fees table never makes the page scroll sideways."""

import pytest
from django.contrib.auth import get_user_model

from pages import demo as pages_demo
from tests.browser.axe import WCAG_AND_BEST_PRACTICE, axe
from tests.browser.test_staff_never_lose_work import PASSWORD
from tests.browser.test_staff_never_lose_work import (
    assert_no_axe_violations as assert_admin_has_no_axe_violations,
)

WIDTHS = (375, 1280)


@pytest.fixture
def pages_site(site):
    pages_demo.load()
    return site


def test_the_demo_pages_have_no_axe_violations_and_fit_a_phone(pages_site, page):
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for path in ("/about/", "/fees/", "/faq/", "/accessibility/", "/complaints/"):
            assert page.goto(pages_site.url + path).status == 200, path
            results = axe.run(page, options=WCAG_AND_BEST_PRACTICE)
            if results.violations_count:
                problems.append(f"{path} at {width}px:\n{results.generate_report()}")
            scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
            if scroll_width > width:
                problems.append(f"{path} at {width}px is {scroll_width}px wide")
    assert not problems, "\n\n".join(problems)


def test_a_question_opens_from_the_keyboard(pages_site, page):
    page.goto(pages_site.url + "/faq/")
    question = page.locator("details.faq summary").first
    answer = page.locator("details.faq .faq__answer").first
    assert not answer.is_visible()
    question.focus()
    page.keyboard.press("Enter")
    assert answer.is_visible()


def test_the_page_and_menu_admin_have_no_axe_violations(pages_site, page):
    get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    page.goto(pages_site.url + "/admin/")
    page.locator("#id_username").fill("boss")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url("**/admin/")
    from pages.models import Page

    fees = Page.objects.get(slug="fees")
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for path in (
            "/admin/pages/page/",
            f"/admin/pages/page/{fees.pk}/change/",
            "/admin/pages/page/add/",
            "/admin/pages/menulink/",
            "/admin/pages/menulink/add/",
            f"/pages/preview/{fees.pk}/",
        ):
            assert page.goto(pages_site.url + path).status == 200, path
            errors = len(page.console_errors)
            try:
                assert_admin_has_no_axe_violations(page)
            except AssertionError as error:
                problems.append(f"{path} at {width}px: {str(error)[:6000]}")
            if len(page.console_errors) > errors:
                problems.append(f"{path} at {width}px: {page.console_errors[errors:]}")
                del page.console_errors[errors:]
    assert not problems, "\n\n".join(problems)
