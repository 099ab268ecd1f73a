"""What happens around an enquiry: the per-address rate limit and the staff notification."""

import logging
from smtplib import SMTPException

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
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
    body = (
        f"A new enquiry arrived on the website at {received:%H:%M on %d %B %Y}.\n\n"
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
