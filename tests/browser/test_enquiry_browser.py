"""A visitor asks the practice for help finding a therapist, in a real browser with no script."""

import re

from django.core import mail

from enquiries.models import Enquiry
from tests.browser.axe import assert_no_axe_violations

SEED_TITLE = "The Space Between Coping and Healing"


def test_visitor_sends_an_enquiry_from_an_article_after_fixing_a_mistake(site, page, artifacts):
    page.goto(site.url + "/articles/")
    page.get_by_role("link", name=re.compile(SEED_TITLE)).first.click()
    page.get_by_role("link", name="Ask us to help you find a therapist").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Help me find a therapist"

    page.get_by_label("Your name").fill("Alex Example")
    page.get_by_label("Email address").fill("alex@example.org")
    # Phone, but no phone number, no voicemail answer and no consent yet.
    page.get_by_role("radio", name="Phone", exact=True).check()
    page.locator("#id_may_identify_0").check()
    page.get_by_label("Anything you would like us to know?").fill("Sleep and worry.")
    page.get_by_label("How you would like to meet").select_option(label="Online")
    page.get_by_role("button", name="Send my enquiry").click()

    summary = page.get_by_role("alert")
    assert "There are 3 problems with your enquiry" in summary.inner_text()
    # Focus is on the summary (autofocus, no script): the next Tab is the first error's link.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.error-summary') !== null")
    assert page.title().startswith("Error: ")
    assert page.get_by_label("Your name").input_value() == "Alex Example"
    assert page.get_by_label("Anything you would like us to know?").input_value() == (
        "Sleep and worry."
    )
    assert page.get_by_role("radio", name="Phone", exact=True).is_checked()
    page.screenshot(path=artifacts / "enquiry-errors-1280.png", full_page=True)
    assert_no_axe_violations(page)

    summary.get_by_role("link", name=re.compile("Enter a phone number")).click()
    assert page.evaluate("document.activeElement.id") == "id_phone"
    label = page.locator("label[for=id_phone]").bounding_box()
    assert label is not None and label["y"] >= 0  # the label is on screen, above the box
    page.keyboard.type("07911 123456")
    page.locator("#id_voicemail_ok_0").check()
    page.get_by_label(re.compile("I agree to the practice keeping these details")).check()
    page.get_by_role("button", name="Send my enquiry").click()

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Thank you, your enquiry has been sent"
    )
    assert "within two working days" in page.content()
    assert page.url == site.url + "/contact/thanks/"
    page.screenshot(path=artifacts / "enquiry-thanks-1280.png", full_page=True)
    assert_no_axe_violations(page)

    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.phone.as_e164, enquiry.preferred_format) == (
        "Alex Example",
        "+447911123456",
        "online",
    )
    assert len(mail.outbox) == 1
    assert "Alex" not in mail.outbox[0].body


def test_privacy_notice_is_reachable_from_the_form_and_accessible(site, page, artifacts):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site.url + "/contact/")
    page.screenshot(path=artifacts / "enquiry-form-375.png", full_page=True)
    assert_no_axe_violations(page)
    # The honeypot takes no room on screen and no place in the tab order.
    box = page.locator(".honeypot").bounding_box()
    assert box is None or (box["width"] <= 1 and box["height"] <= 1)
    assert page.locator("#id_website").get_attribute("tabindex") == "-1"

    page.get_by_role("link", name="privacy notice").first.click()

    assert page.get_by_role("heading", level=1).inner_text() == "Privacy notice"
    page.screenshot(path=artifacts / "privacy-375.png", full_page=True)
    assert_no_axe_violations(page)


def test_visitor_gets_in_touch_from_a_therapists_profile(site, page):
    page.goto(site.url + "/therapists/")
    name = page.locator(".therapist-card").first.get_by_role("heading").inner_text()
    page.locator(".therapist-card").first.get_by_role("link", name=name).click()

    page.get_by_role("link", name=f"Get in touch with {name}").click()

    assert page.get_by_role("heading", level=1).inner_text() == f"Get in touch with {name}"
    chosen = page.get_by_label("Who would you like to talk to?")
    assert chosen.locator("option:checked").inner_text().startswith(name)
