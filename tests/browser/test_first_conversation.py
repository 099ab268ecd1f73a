"""Issue 17's journey at 375 px: "help me choose" to a filtered directory whose cards say why
they match, a profile, a consultation request (evenings, no voicemail, discretion), the request
in the admin as new and due in two working days, booked with a time, and the confirmation's
neutral subject, calendar file and cancel link (which works once)."""

import re
from datetime import timedelta

import icalendar
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from enquiries.models import Enquiry
from enquiries.working_days import add_working_days
from tests.browser.axe import assert_no_axe_violations
from tests.factories import make_staff_user


def test_from_help_me_choose_to_a_booked_first_conversation(site, page, artifacts, settings):
    settings.REPLY_WORKING_DAYS = 2
    page.set_viewport_size({"width": 375, "height": 800})

    # Help me choose, from the home page: plain questions, no script, not an assessment.
    page.goto(site.url + "/")
    page.get_by_role("link", name="Help me choose").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Help me choose a therapist")
    assert "This is not an assessment" in page.content()
    assert_no_axe_violations(page)
    page.get_by_role("radio", name="Anxiety").check()
    page.get_by_role("radio", name="Online, by video call").check()
    page.get_by_label("Which language would you like to speak?").select_option(label="English")
    page.get_by_label("Evening sessions (after 6pm on weekdays)").check()
    page.get_by_role("button", name="Show therapists who match").click()

    # The directory, filtered, each card saying why.
    assert "/therapists/?" in page.url and "evenings=1" in page.url
    reasons = page.locator(".therapist-card__why").all_inner_texts()
    assert reasons and all(
        reason == "Why they match: Works with anxiety · Online · Speaks English · Evening sessions"
        for reason in reasons
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=artifacts / "choose-results-375.png", full_page=True)
    assert_no_axe_violations(page)

    # A profile, then the consultation request.
    first = page.locator(".therapist-card").first
    name = first.get_by_role("heading").inner_text()
    first.get_by_role("link", name=name).click()
    # The demo's first match offers a free 15-minute call, and the request offers what the
    # chosen therapist offers (a therapist whose first step is a session offers no free call).
    expect(page.locator("dt:text-is('First step') + dd")).to_have_text("A free 15-minute call")
    page.get_by_role("link", name=f"Get in touch with {name}").click()
    expect(
        page.get_by_label("Who would you like to talk to?").locator("option:checked")
    ).to_contain_text(name)
    call = page.get_by_role("radio", name="A free 15-minute call, to check we are a good fit")
    expect(call).to_be_checked()  # offered first, as she offers it
    call.check()
    page.get_by_role("checkbox", name="Weekday evenings").check()
    page.get_by_label("Your name").fill("Alex Example")
    page.get_by_label("Email address").fill("alex@example.org")
    page.get_by_label("Phone number").fill("07911 123456")
    page.get_by_role("radio", name="Email or phone", exact=True).check()
    page.locator("#id_voicemail_ok_1").check()  # "Is it OK to leave a voicemail?" No
    page.locator("#id_may_identify_1").check()  # "Can we say we are a therapy practice?" No
    page.get_by_label(re.compile("I agree to the practice keeping these details")).check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send my enquiry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you, your enquiry has been sent"
    )

    enquiry = Enquiry.objects.get()
    assert enquiry.times == ["evenings"]
    assert (enquiry.voicemail_ok, enquiry.discreet) == (False, True)
    due = add_working_days(timezone.localdate(enquiry.created_at), 2)
    assert enquiry.reply_due == due

    # Staff find it as new and due in two working days, and book it.
    staff = make_staff_user("robin", is_superuser=True)
    page.goto(site.url + "/admin/")
    page.locator("#id_username").fill(staff.username)
    page.locator("#id_password").fill("a-long-test-password-123")
    page.locator("#login-form [type=submit]").click()
    expect(page.locator(".index-notices")).to_contain_text("1 new enquiry")
    page.get_by_role("link", name="1 new enquiry").click()
    row = page.locator("#result_list tbody tr").first
    expect(row).to_contain_text(f"Due {due:%a %d %b %Y}")
    expect(row).to_contain_text("New")
    row.get_by_role("link", name="Alex Example").click()
    when = timezone.localtime() + timedelta(days=7)
    page.locator("#id_status").select_option(label="First conversation booked")
    page.locator("#id_booked_for_0").fill(f"{when:%Y-%m-%d}")
    page.locator("#id_booked_for_1").fill("18:30:00")
    page.get_by_label("Email them a confirmation with a calendar file and a cancel link").check()
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("The confirmation email was sent.")
    expect(page.locator(".enquiry-history")).to_contain_text("New → First conversation booked")

    # The confirmation: neutral subject, an .ics that parses, a cancel link that works once.
    message = mail.outbox[-1]
    assert message.to == ["alex@example.org"]
    assert message.subject == "Appointment"
    event = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Appointment"
    assert event.decoded("DTSTART").strftime("%Y-%m-%d %H:%M") == f"{when:%Y-%m-%d} 18:30"
    link = re.search(r"http://\S+/contact/cancel/\S+/", message.body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel your appointment?")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Cancel my appointment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your appointment is cancelled")
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "This appointment is already cancelled, or has moved"
    )
    assert_no_axe_violations(page)
    enquiry.refresh_from_db()
    assert enquiry.cancelled_at is not None
