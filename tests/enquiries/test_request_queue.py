"""The queue staff keep to: reply-due dates in working days, overdue first, counts, history,
the booking confirmation with its calendar file and its single-use cancel link."""

import re
from datetime import date, datetime, timedelta
from smtplib import SMTPException
from unittest import mock
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from enquiries import services
from enquiries.models import Enquiry, EnquiryEvent
from enquiries.working_days import add_working_days
from tests.factories import make_enquiry, make_staff_user, make_therapist

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
CHANGELIST = reverse("admin:enquiries_enquiry_changelist")
CONTACT = reverse("enquiries:contact")
# Friday 28 August 2026; Monday 31 August is the Late Summer bank holiday in England.
FRIDAY_BEFORE_BANK_HOLIDAY = datetime(2026, 8, 28, 10, 30, tzinfo=LONDON)


@pytest.fixture
def frozen_now(monkeypatch):
    def freeze(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return freeze


@pytest.fixture
def handler(client):
    user = make_staff_user(username="handler", first_name="Robin", last_name="Hale")
    user.groups.add(Group.objects.get(name="Enquiry handlers"))
    client.force_login(user)
    return user


def change_url(enquiry):
    return reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])


def test_working_days_skip_the_weekend_and_a_bank_holiday_monday():
    assert add_working_days(date(2026, 8, 28), 2) == date(2026, 9, 2)  # Wednesday
    assert add_working_days(date(2026, 9, 4), 2) == date(2026, 9, 8)  # an ordinary Friday
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)  # Christmas, Boxing Day


def test_request_sent_on_the_friday_before_a_bank_holiday_is_due_on_wednesday(
    client, valid_data, frozen_now, settings
):
    settings.REPLY_WORKING_DAYS = 2
    frozen_now(FRIDAY_BEFORE_BANK_HOLIDAY)

    client.post(CONTACT, valid_data)

    enquiry = Enquiry.objects.get()
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.reply_due == date(2026, 9, 2)
    assert "Reply due by the end of Wednesday 02 September 2026" in mail.outbox[0].body
    assert "Alex" not in mail.outbox[0].body  # never the content


def test_the_reply_due_setting_is_read(valid_data, client, frozen_now, settings):
    settings.REPLY_WORKING_DAYS = 5
    frozen_now(FRIDAY_BEFORE_BANK_HOLIDAY)

    client.post(CONTACT, valid_data)

    assert Enquiry.objects.get().reply_due == date(2026, 9, 7)


def test_overdue_requests_come_first_marked_in_words(client, handler):
    make_enquiry("Fresh Person")
    late = make_enquiry("Waiting Person")
    Enquiry.objects.filter(pk=late.pk).update(reply_due=timezone.localdate() - timedelta(days=1))
    make_enquiry("Done Person", status=Enquiry.Status.CLOSED)

    html = client.get(CHANGELIST).content.decode()

    assert html.index("Waiting Person") < html.index("Fresh Person") < html.index("Done Person")
    assert '<strong class="overdue">Overdue: was due' in html
    assert html.count("Overdue: was due") == 1


def test_admin_index_counts_new_and_overdue_requests(client, handler):
    make_enquiry("One")
    late = make_enquiry("Two")
    Enquiry.objects.filter(pk=late.pk).update(reply_due=timezone.localdate() - timedelta(days=3))
    make_enquiry("Three", status=Enquiry.Status.CONTACTED)

    html = client.get(reverse("admin:index")).content.decode()

    assert "2 new enquiries" in html
    assert "1 overdue: reply due date passed" in html


def test_admin_index_shows_no_counts_to_editors(client):
    make_enquiry("One")
    editor = make_staff_user(username="editor")
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    client.force_login(editor)

    html = client.get(reverse("admin:index")).content.decode()

    assert "new enquir" not in html


def admin_post(enquiry, **fields):
    data = {"status": enquiry.status, "owner": "", "booked_minutes": "15"}
    data.update(fields)
    return data


def test_status_owner_and_notes_are_recorded_with_who_and_when(client, handler):
    enquiry = make_enquiry("Alex Example")

    client.post(
        change_url(enquiry),
        admin_post(enquiry, status="contacted", owner=str(handler.pk), add_note="Left no message."),
    )

    events = list(enquiry.events.all())
    assert [(e.kind, e.by) for e in events] == [
        ("status", handler),
        ("owner", handler),
        ("note", handler),
    ]
    assert events[0].text == "New → Contacted"
    assert "Robin Hale" in events[1].text
    page = client.get(change_url(enquiry)).content.decode()
    assert "Left no message." in page and "Robin Hale" in page


def test_history_cannot_be_changed_or_deleted():
    event = EnquiryEvent.objects.create(enquiry=make_enquiry(), kind="note", text="First.")

    event.text = "Rewritten."
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        EnquiryEvent.objects.update(text="Rewritten.")
    assert EnquiryEvent.objects.get().text == "First."


def test_owner_must_be_an_enquiry_handler(client, handler):
    enquiry = make_enquiry()
    outsider = make_staff_user(username="outsider")

    response = client.post(change_url(enquiry), admin_post(enquiry, owner=str(outsider.pk)))

    assert response.status_code == 200  # the form again, with its error
    assert "Select a valid choice" in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.owner is None


@pytest.fixture
def book(client, django_capture_on_commit_callbacks):
    """Post the admin form booking `enquiry` at `when`, confirmation ticked; the email goes
    once the save is committed (as in production)."""

    def post(enquiry, when, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return _book(client, enquiry, when, **extra)

    return post


def _book(client, enquiry, when, **extra):
    local = timezone.localtime(when)
    return client.post(
        change_url(enquiry),
        admin_post(
            enquiry,
            status="booked",
            booked_for_0=f"{local:%Y-%m-%d}",
            booked_for_1=f"{local:%H:%M:%S}",
            send_confirmation="on",
            **extra,
        ),
    )


def test_booking_sends_a_neutral_confirmation_with_a_calendar_file(client, handler, book):
    enquiry = make_enquiry("Alex Example", discreet=True)
    when = (timezone.localtime() + timedelta(days=5)).replace(
        hour=18, minute=30, second=0, microsecond=0
    )

    response = book(enquiry, when)

    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.BOOKED
    assert enquiry.confirmation_sent_at is not None
    message = mail.outbox[-1]
    assert message.to == ["alex.example@example.org"]
    assert message.subject == "Appointment"
    assert message.from_email.startswith("Appointments <")
    assert "therapy" not in message.body.lower()
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("appointment.ics", "text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Appointment"
    assert event.decoded("DTSTART") == when
    assert str(event.decoded("DTSTART").tzinfo) == "Europe/London"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=15)
    assert "ATTENDEE" not in event and "ORGANIZER" not in event
    kinds = list(enquiry.events.values_list("kind", flat=True))
    assert kinds == ["status", "booked", "email"]


def test_a_person_who_allowed_it_gets_the_practice_name(client, handler, book):
    enquiry = make_enquiry("Alex Example", discreet=False)

    book(enquiry, timezone.now() + timedelta(days=3))

    message = mail.outbox[-1]
    assert message.subject == "Your first conversation with Smart Therapy"
    event = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "First conversation with Smart Therapy"


def test_the_confirmation_names_the_therapist_they_will_meet(client, handler, book):
    therapist = make_therapist("Daniel Okafor")
    enquiry = make_enquiry("Alex Example", discreet=True, preferred_therapist=therapist)

    book(enquiry, timezone.now() + timedelta(days=3))

    assert "This confirms your appointment with Daniel Okafor on " in mail.outbox[-1].body


def test_the_confirmation_says_how_to_reach_us_and_replies_reach_the_practice(
    client, handler, book, settings
):
    open_request = make_enquiry("Alex Example", discreet=False)
    book(open_request, timezone.now() + timedelta(days=3))
    message = mail.outbox[-1]
    assert message.reply_to == ["hello@smarttherapy.example"]
    assert "please phone us on 020 7946 0000 or email hello@smarttherapy.example" in message.body

    # Discreet: the practice's own address would name it; the neutral one, once set, is used.
    settings.NEUTRAL_FROM_EMAIL = settings.DEFAULT_FROM_EMAIL
    book(make_enquiry("Sam Example", discreet=True), timezone.now() + timedelta(days=3))
    message = mail.outbox[-1]
    assert message.reply_to == []
    assert "please phone us on 020 7946 0000.\n" in message.body
    assert "smarttherapy" not in message.body.lower()
    settings.NEUTRAL_FROM_EMAIL = "appointments@mail.example"
    book(make_enquiry("Jo Example", discreet=True), timezone.now() + timedelta(days=3))
    message = mail.outbox[-1]
    assert message.reply_to == ["appointments@mail.example"]
    assert "please phone us on 020 7946 0000 or reply to this email." in message.body


def test_booked_needs_a_time(client, handler):
    enquiry = make_enquiry()

    response = client.post(change_url(enquiry), admin_post(enquiry, status="booked"))

    assert "Enter the date and time of the first conversation." in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW


def test_a_failed_confirmation_keeps_the_request_and_says_so(client, handler, book):
    enquiry = make_enquiry()
    with mock.patch(
        "django.core.mail.EmailMessage.send", side_effect=SMTPException("server said no")
    ):
        response = book(enquiry, timezone.now() + timedelta(days=3))

    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.BOOKED
    assert enquiry.confirmation_sent_at is None
    failed = enquiry.events.get(kind="email_failed")
    assert "server said no" in failed.text
    page = client.get(change_url(enquiry)).content.decode()
    assert "could not be sent" in page


def cancel_link(enquiry):
    return reverse("enquiries:cancel", args=[services.cancel_token(enquiry)])


def booked(days=3, **fields):
    return make_enquiry(
        status=Enquiry.Status.BOOKED, booked_for=timezone.now() + timedelta(days=days), **fields
    )


def test_the_cancel_link_works_once_and_tells_staff(client, settings):
    settings.ENQUIRY_NOTIFY_EMAILS = ["team@practice.example"]
    enquiry = booked()
    url = cancel_link(enquiry)

    page = client.get(url)
    assert page.status_code == 200 and "Cancel your appointment?" in page.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.cancelled_at is None  # opening the link changes nothing

    done = client.post(url)
    again = client.post(url)

    assert "Your appointment is cancelled" in done.content.decode()
    # The confirmation comes from the site's sender: the page points at the details below it.
    assert "reply to your confirmation" not in done.content.decode()
    assert "contact us below" in done.content.decode()
    assert again.status_code == 410
    assert "already cancelled" in again.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.cancelled_at is not None
    assert enquiry.status == Enquiry.Status.CONTACTED
    assert enquiry.events.filter(kind="cancelled").count() == 1
    assert mail.outbox[-1].to == ["team@practice.example"]
    assert "cancelled" in mail.outbox[-1].subject


def test_a_tampered_cancel_link_is_refused(client):
    enquiry = booked()
    token = services.cancel_token(enquiry)
    forged = signing.dumps({"e": enquiry.pk + 1, "t": 0}, salt="another-salt")

    for bad in (token[:-2] + "xy", forged, "not-a-token"):
        response = client.post(reverse("enquiries:cancel", args=[bad]))
        assert response.status_code == 400
        assert "This cancel link does not work" in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.cancelled_at is None


def test_the_cancel_link_expires_24_hours_before(client):
    enquiry = booked(days=0)
    Enquiry.objects.filter(pk=enquiry.pk).update(booked_for=timezone.now() + timedelta(hours=23))
    enquiry.refresh_from_db()

    response = client.post(cancel_link(enquiry))

    assert response.status_code == 410
    assert "too late to cancel with this link" in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.cancelled_at is None


def test_a_new_time_makes_the_old_link_stop_working(client):
    enquiry = booked()
    old_link = cancel_link(enquiry)
    Enquiry.objects.filter(pk=enquiry.pk).update(booked_for=timezone.now() + timedelta(days=6))

    assert client.post(old_link).status_code == 410


def test_a_forged_status_or_owner_in_the_public_form_is_ignored(client, valid_data):
    boss = make_staff_user(username="boss")

    client.post(
        CONTACT,
        valid_data
        | {"status": "closed", "owner": str(boss.pk), "reply_due": "2030-01-01", "discreet": ""},
    )

    enquiry = Enquiry.objects.get()
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.owner is None
    assert enquiry.reply_due < date(2030, 1, 1)
    assert enquiry.discreet is False  # from "Can we say we are a therapy practice?": yes


def test_the_retention_rule_deletes_the_history_with_the_request():
    from django.core.management import call_command

    old = make_enquiry("Old Person", days_ago=400)
    EnquiryEvent.objects.create(enquiry=old, kind="note", text="Phoned.")

    call_command("delete_old_enquiries", stdout=mock.Mock())

    assert not Enquiry.objects.exists()
    assert not EnquiryEvent.objects.exists()


def test_referred_elsewhere_offers_a_ready_reply_with_registers_and_crisis_numbers(client, handler):
    enquiry = make_enquiry("Alex Example")

    html = client.get(change_url(enquiry)).content.decode()

    reply = re.search(r'<textarea name="referral_reply"[^>]*>(.*?)</textarea>', html, re.S)
    text = reply.group(1)
    assert text.strip().startswith("Dear Alex Example,")
    for needed in ("bacp.co.uk", "psychotherapy.org.uk", "NHS Talking Therapies", "116 123"):
        assert needed in text


def test_staff_send_the_edited_referral_reply_with_the_neutral_sender(
    client, handler, django_capture_on_commit_callbacks
):
    enquiry = make_enquiry("Alex Example", discreet=True)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            change_url(enquiry),
            admin_post(
                enquiry,
                status="referred",
                referral_reply="Dear Alex, try the BACP register. Samaritans: 116 123.",
                send_referral="on",
            ),
        )

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.REFERRED
    message = mail.outbox[-1]
    assert message.subject == "Appointment"
    assert message.body == "Dear Alex, try the BACP register. Samaritans: 116 123."
    assert list(enquiry.events.values_list("kind", flat=True)) == ["status", "email"]


def test_the_referral_reply_is_only_sent_with_that_status(client, handler):
    enquiry = make_enquiry()

    response = client.post(
        change_url(enquiry), admin_post(enquiry, referral_reply="Hello", send_referral="on")
    )

    assert "Set the status to “Referred elsewhere” to send this reply." in response.content.decode()
    assert not mail.outbox


def test_the_contact_page_shows_the_same_text_when_nobody_is_accepting(client):
    from tests.factories import make_therapist

    make_therapist("Full Diary", accepting_new_clients=False)
    full = client.get(CONTACT).content.decode()
    make_therapist("Has Room", accepting_new_clients=True)
    open_ = client.get(CONTACT).content.decode()

    assert "All our therapists are fully booked just now" in full
    assert "https://www.bacp.co.uk/search/Register" in full
    assert "Dear {name}" not in full and "With best wishes" not in full
    assert "fully booked" not in open_


def test_privacy_notice_describes_the_new_questions_and_the_history(client):
    html = " ".join(client.get(reverse("enquiries:privacy")).content.decode().split())

    for words in (
        "leave a voicemail",
        "neutral sender",
        "times that suit you",
        "first step",
        "This history is deleted with your request",
        "calendar file",
    ):
        assert words in html


def test_a_mistyped_bank_holiday_region_is_refused_at_start_up(settings):
    from enquiries.apps import check_settings

    settings.BANK_HOLIDAYS_REGION = "LONDON"
    settings.REPLY_WORKING_DAYS = 0

    assert [error.id for error in check_settings()] == ["enquiries.E001", "enquiries.E002"]


@pytest.mark.parametrize("status", ["closed", "referred", "contacted"])
def test_the_cancel_link_refuses_a_request_staff_have_moved_on(client, status):
    enquiry = booked()
    url = cancel_link(enquiry)
    Enquiry.objects.filter(pk=enquiry.pk).update(status=status)

    for response in (client.get(url), client.post(url)):
        assert response.status_code == 410
        assert "already cancelled, or has moved" in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.status == status  # not reopened as "Contacted"
    assert enquiry.cancelled_at is None
    assert not enquiry.events.filter(kind="cancelled").exists()


def test_the_cancel_link_of_a_deleted_request_says_it_is_no_longer_there(client):
    enquiry = booked()
    url = cancel_link(enquiry)
    enquiry.delete()  # the retention rule, or an erasure

    response = client.get(url)

    assert response.status_code == 410
    html = response.content.decode()
    assert "We no longer have this appointment" in html
    assert "has been changed" not in html


def test_the_cancel_link_is_refused_when_staff_move_it_on_while_the_page_is_open(client):
    enquiry = booked()
    url = cancel_link(enquiry)
    assert client.get(url).status_code == 200
    Enquiry.objects.filter(pk=enquiry.pk).update(status=Enquiry.Status.CLOSED)

    response = client.post(url)

    assert response.status_code == 410
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.cancelled_at) == (Enquiry.Status.CLOSED, None)


def test_the_cancel_window_in_the_pages_follows_the_setting(client, settings):
    settings.CANCEL_LINK_HOURS_BEFORE = 48
    enquiry = booked(days=0)
    Enquiry.objects.filter(pk=enquiry.pk).update(booked_for=timezone.now() + timedelta(hours=30))
    enquiry.refresh_from_db()

    expired = " ".join(client.get(cancel_link(enquiry)).content.decode().split())
    privacy = " ".join(client.get(reverse("enquiries:privacy")).content.decode().split())

    assert "The link works until 48 hours before the appointment." in expired
    assert "The link works until 48 hours before and only once" in privacy
    assert "24 hours before" not in expired + privacy


def test_privacy_notice_says_help_me_choose_stores_nothing_and_owners_get_no_content(client):
    html = " ".join(client.get(reverse("enquiries:privacy")).content.decode().split())

    assert "The “help me choose” questions store nothing" in html
    assert "when it is given to one of them to look after, they get a similar email" in html
    assert "a free short call, where the therapist offers one" in html


def test_the_request_page_says_what_first_step_their_therapist_offers(client, handler):
    from tests.factories import make_therapist

    zofia = make_therapist("Zofia Nowak", first_step="call", first_step_minutes=20)
    daniel = make_therapist(
        "Daniel Okafor", first_step="session", first_step_minutes=60, first_step_fee=60
    )
    with_zofia = make_enquiry(first_step="call", preferred_therapist=zofia)
    with_daniel = make_enquiry(first_step="session", preferred_therapist=daniel)
    unsure = make_enquiry(first_step="not_sure", preferred_therapist=daniel)
    anyone = make_enquiry(first_step="session")

    def shown(enquiry):
        return client.get(change_url(enquiry)).content.decode()

    zofia_page = shown(with_zofia)
    assert "A free 20-minute call, as Zofia Nowak offers" in zofia_page
    assert "15-minute" not in zofia_page
    # Said once, not "A first session (Daniel Okafor offers: A first session (60 minutes, £60))"
    assert "A first session (60 minutes, £60), as Daniel Okafor offers" in shown(with_daniel)
    assert "Not sure yet; Daniel Okafor offers a first session (60 minutes, £60)" in shown(unsure)
    assert "A first session (with whoever suits them)" in shown(anyone)


def test_a_booking_starts_with_the_length_of_the_first_step_their_therapist_offers(client, handler):
    from tests.factories import make_therapist

    zofia = make_therapist("Zofia Nowak", first_step="call", first_step_minutes=20)
    daniel = make_therapist("Daniel Okafor", first_step="session", first_step_minutes=60)
    call = make_enquiry(first_step="call", preferred_therapist=zofia)
    session = make_enquiry(first_step="session", preferred_therapist=daniel)
    not_sure = make_enquiry(first_step="not_sure", preferred_therapist=zofia)

    def minutes(enquiry):
        html = client.get(change_url(enquiry)).content.decode()
        tag = re.search(r'<input[^>]*name="booked_minutes"[^>]*>', html).group(0)
        return re.search(r'value="(\d+)"', tag).group(1)

    assert (minutes(call), minutes(session), minutes(not_sure)) == ("20", "60", "15")
