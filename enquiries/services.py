"""What happens around an enquiry: the per-address rate limit, the staff notifications, the
emails to the person (neutral when they asked for discretion), the calendar file and the signed
cancel link."""

import logging
import uuid
from datetime import timedelta
from email.utils import formataddr
from smtplib import SMTPException

import icalendar
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage, send_mail
from django.urls import reverse
from django.utils import timezone

from core.client_ip import client_ip
from core.site_url import absolute

logger = logging.getLogger(__name__)

RATE_WINDOW_SECONDS = 60 * 60


def _rate_key(address, kind="enquiries"):
    return f"{kind}:rate:{address}"


def client_address(request):
    # Behind our proxies (TRUSTED_PROXY_COUNT) REMOTE_ADDR is the proxy, shared by everyone.
    return client_ip(request) or "unknown"


def is_rate_limited(request, kind="enquiries"):
    """True when this address has already sent ENQUIRY_RATE_LIMIT enquiries (or, with
    kind="problems", problem reports) within the hour."""
    try:
        count = cache.get(_rate_key(client_address(request), kind), 0)
    except Exception:  # a cache outage must not stop a person reaching the practice
        logger.warning("Enquiry rate limit unavailable: the cache did not answer", exc_info=True)
        return False
    return count >= settings.ENQUIRY_RATE_LIMIT


def record_submission(request, kind="enquiries"):
    """Count one enquiry (or report) against this address; the count expires an hour after the
    first."""
    key = _rate_key(client_address(request), kind)
    try:
        cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)
    except Exception:
        logger.warning("Enquiry rate limit unavailable: the cache did not answer", exc_info=True)


def _send_notification(subject, body, label, pk):
    recipients = [address for address in settings.ENQUIRY_NOTIFY_EMAILS if address]
    if not recipients:
        logger.warning(
            "%s %s saved; ENQUIRY_NOTIFY_EMAILS is empty, so nobody was emailed", label, pk
        )
        return False
    try:
        send_mail(
            subject=subject,
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    except (SMTPException, OSError):
        logger.exception("%s %s saved, but the staff notification email failed", label, pk)
        return False
    return True


def notify_staff_of_report(report):
    """Email staff that a problem report arrived: a link to it in the admin, and nothing of
    what the visitor wrote (nor the page, which could hint at it)."""
    link = absolute(reverse("admin:enquiries_problemreport_change", args=[report.pk]))
    received = timezone.localtime(report.created_at)
    body = (
        f"A visitor reported a problem with a page at {received:%H:%M on %d %B %Y}.\n\n"
        f"Read it in the admin (you will need to sign in):\n{link}\n\n"
        "This email does not contain what they wrote. Please don't copy it into email.\n"
    )
    subject = f"New problem report #{report.pk} on the website"
    return _send_notification(subject, body, "Problem report", report.pk)


def notify_staff(enquiry):
    """Email staff that an enquiry arrived, with a link to it in the admin and nothing else.

    The email holds no name, address or message: mailboxes are copied, forwarded and kept for
    years, and the enquiry itself stays in one place that the retention rule clears.
    Returns True when the email was handed to the mail server.
    """
    recipients = [address for address in settings.ENQUIRY_NOTIFY_EMAILS if address]
    if not recipients:
        logger.warning(
            "Enquiry %s saved; ENQUIRY_NOTIFY_EMAILS is empty, so nobody was emailed", enquiry.pk
        )
        return False
    link = absolute(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]))
    received = timezone.localtime(enquiry.created_at)
    due = f"{enquiry.reply_due:%A %d %B %Y}" if enquiry.reply_due else "not set"
    body = (
        f"A new enquiry arrived on the website at {received:%H:%M on %d %B %Y}.\n"
        f"Reply due by the end of {due}.\n\n"
        f"Read it and reply in the admin (you will need to sign in):\n{link}\n\n"
        "For the visitor's privacy this email does not contain any of their details. "
        "Please don't copy them into email.\n"
    )
    try:
        send_mail(
            subject=f"New enquiry #{enquiry.pk} on the website",
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    except (SMTPException, OSError):
        logger.exception("Enquiry %s saved, but the staff notification email failed", enquiry.pk)
        return False
    return True


def notify_staff_of_cancellation(enquiry):
    """Tell staff a booked first conversation was cancelled through the link (no content)."""
    recipients = [address for address in settings.ENQUIRY_NOTIFY_EMAILS if address]
    if not recipients:
        return False
    link = absolute(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]))
    try:
        send_mail(
            subject=f"Enquiry #{enquiry.pk}: first conversation cancelled",
            message=(
                "The person cancelled their booked first conversation with the link in their "
                f"confirmation.\n\nSee the request in the admin:\n{link}\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    except (SMTPException, OSError):
        logger.exception("Enquiry %s: the cancellation notice to staff failed", enquiry.pk)
        return False
    return True


def staff_name(user):
    """How staff are named in the admin, the history and emails: full name, else username."""
    return user.get_full_name() or user.username


def notify_owner(enquiry, by):
    """Tell the staff member now looking after `enquiry` that it is theirs: who assigned it,
    when, when the reply is due, and the admin link. Never the person's name, contact details or
    message (as for notify_staff). The email, or its failure, is added to the history.

    Returns True when the mail server took it, False when it failed, None when the owner has no
    email address (nothing was sent).
    """
    from enquiries.models import EnquiryEvent

    owner = enquiry.owner
    if not owner.email:
        return None
    link = absolute(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]))
    now = timezone.localtime()
    day = f"{enquiry.reply_due:%A %d %B %Y}" if enquiry.reply_due else ""
    if not day:
        due = "Reply due: not set."
    elif enquiry.status != enquiry.Status.NEW:
        due = f"Status: {enquiry.get_status_display()} (reply was due {day})."
    elif enquiry.is_overdue:
        due = f"Reply OVERDUE: it was due by the end of {day}."
    else:
        due = f"Reply due by the end of {day}."
    body = (
        f"{staff_name(by)} assigned enquiry #{enquiry.pk} to you at {now:%H:%M on %d %B %Y}.\n"
        f"{due}\n\n"
        f"Read it and reply in the admin (you will need to sign in):\n{link}\n\n"
        "For the person's privacy this email does not contain any of their details. "
        "Please don't copy them into email.\n"
    )
    try:
        send_mail(
            subject=f"Enquiry #{enquiry.pk} assigned to you",
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[owner.email],
        )
    except (SMTPException, OSError) as error:
        logger.exception("Enquiry %s: the email telling its new owner failed", enquiry.pk)
        EnquiryEvent.objects.create(
            enquiry=enquiry,
            by=by,
            kind=EnquiryEvent.Kind.EMAIL_FAILED,
            text=f"The email telling {staff_name(owner)} it is theirs could not be sent "
            f"({type(error).__name__}: {error}). Tell them another way.",
        )
        return False
    EnquiryEvent.objects.create(
        enquiry=enquiry,
        by=by,
        kind=EnquiryEvent.Kind.EMAIL,
        text=f"{staff_name(owner)} was emailed that it is theirs (no details of the person).",
    )
    return True


# --- Messages to the person -----------------------------------------------------------------


def sender_and_subject(enquiry, subject):
    """(From header, subject): neutral ones when the person asked for discretion."""
    if enquiry.discreet:
        return (
            formataddr((settings.NEUTRAL_SENDER_NAME, settings.NEUTRAL_FROM_EMAIL)),
            settings.NEUTRAL_SUBJECT,
        )
    return formataddr((settings.PRACTICE["name"], settings.DEFAULT_FROM_EMAIL)), subject


def reply_to(enquiry):
    """Where the person's reply goes (Reply-To), since mail comes from the site's sender: the
    practice's address; for a request that asked for discretion, the neutral sender's address
    when it is one of its own (the practice's address would name the practice), else nowhere."""
    if not enquiry.discreet:
        return [settings.PRACTICE["email"]]
    neutral = settings.NEUTRAL_FROM_EMAIL
    return [neutral] if neutral != settings.DEFAULT_FROM_EMAIL else []


def how_to_reach_us(enquiry):
    """ "phone us on 020 …, or email …": the number and an address, never just "phone or email
    us" (a discreet request gets the number, and "reply to this email" if a reply arrives)."""
    phone = settings.PRACTICE["phone"]
    if not enquiry.discreet:
        return f"phone us on {phone} or email {settings.PRACTICE['email']}"
    return f"phone us on {phone}" + (" or reply to this email" if reply_to(enquiry) else "")


def send_to_person(enquiry, subject, body, by=None, what="Email", attachments=()):
    """Send `body` to the person; record it (or the failure) in the request's history.

    Returns True when the mail server took it. A failure never loses the request: it is logged
    and shown in the history with the reason.
    """
    from enquiries.models import EnquiryEvent

    from_email, subject = sender_and_subject(enquiry, subject)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=from_email,
        to=[enquiry.email],
        reply_to=reply_to(enquiry),
    )
    for attachment in attachments:
        message.attach(*attachment)
    try:
        message.send()
    except (SMTPException, OSError) as error:
        logger.exception("Enquiry %s: %s to the person failed", enquiry.pk, what)
        EnquiryEvent.objects.create(
            enquiry=enquiry,
            by=by,
            kind=EnquiryEvent.Kind.EMAIL_FAILED,
            text=f"{what} could not be sent ({type(error).__name__}: {error}). "
            "Nothing else was lost; try again or contact them another way.",
        )
        return False
    EnquiryEvent.objects.create(
        enquiry=enquiry,
        by=by,
        kind=EnquiryEvent.Kind.EMAIL,
        text=f"{what} sent, subject \u201c{subject}\u201d.",
    )
    return True


CANCEL_SALT = "enquiries.cancel"


def cancel_token(enquiry):
    """A signed token naming the request and the booked time: a new time needs a new link."""
    return signing.dumps(
        {"e": enquiry.pk, "t": int(enquiry.booked_for.timestamp())}, salt=CANCEL_SALT
    )


class CancelRefused(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def enquiry_for_cancel_token(token):
    """The request a cancel link is for, or CancelRefused: "invalid" (tampered), "gone" (the
    request was deleted), "used" (cancelled already, rebooked, or no longer booked: staff moved
    it on) or "expired"."""
    from enquiries.models import Enquiry

    try:
        data = signing.loads(token, salt=CANCEL_SALT)
        pk, booked_at = int(data["e"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise CancelRefused("invalid") from error
    enquiry = Enquiry.objects.filter(pk=pk).first()
    if enquiry is None:
        raise CancelRefused("gone")
    if not is_cancellable(enquiry, booked_at):
        raise CancelRefused("used")
    if timezone.now() >= cancel_deadline(enquiry):
        raise CancelRefused("expired")
    return enquiry


def is_cancellable(enquiry, booked_at):
    """Still booked for the time the link was made for, and not cancelled already."""
    return (
        enquiry.status == enquiry.Status.BOOKED
        and enquiry.booked_for is not None
        and int(enquiry.booked_for.timestamp()) == booked_at
        and enquiry.cancelled_at is None
    )


def cancel_deadline(enquiry):
    return enquiry.booked_for - timedelta(hours=settings.CANCEL_LINK_HOURS_BEFORE)


def calendar_file(enquiry):
    """The booked first conversation as an .ics file: Europe/London, no attendee addresses,
    "Appointment" as its title when the person asked for discretion."""
    london = timezone.get_default_timezone()
    start = timezone.localtime(enquiry.booked_for, london)
    title = (
        settings.NEUTRAL_SUBJECT
        if enquiry.discreet
        else f"First conversation with {settings.PRACTICE['name']}"
    )
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Smart Therapy website//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{uuid.uuid5(uuid.NAMESPACE_URL, absolute(f'/enquiry/{enquiry.pk}'))}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=enquiry.booked_minutes))
    event.add("summary", title)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def send_confirmation(enquiry, by=None):
    """Email the person their booked time with an .ics file and the cancel link."""
    start = timezone.localtime(enquiry.booked_for)
    deadline = timezone.localtime(cancel_deadline(enquiry))
    link = absolute(reverse("enquiries:cancel", args=[cancel_token(enquiry)]))
    what = "your appointment" if enquiry.discreet else "your first conversation with us"
    if enquiry.preferred_therapist is not None:
        what += f" with {enquiry.preferred_therapist.name}"
    body = (
        f"Dear {enquiry.name},\n\n"
        f"This confirms {what} on {start:%A %d %B %Y at %H:%M} (UK time), "
        f"for {enquiry.booked_minutes} minutes. The attached file adds it to your calendar.\n\n"
        f"If you need to cancel, use this link until {deadline:%H:%M on %A %d %B}:\n{link}\n"
        f"After that, please {how_to_reach_us(enquiry)}.\n"
    )
    sent = send_to_person(
        enquiry,
        f"Your first conversation with {settings.PRACTICE['name']}",
        body,
        by=by,
        what="Confirmation with calendar file",
        attachments=[("appointment.ics", calendar_file(enquiry), "text/calendar")],
    )
    if sent:
        enquiry.confirmation_sent_at = timezone.now()
        enquiry.save(update_fields=["confirmation_sent_at", "updated_at"])
    return sent
