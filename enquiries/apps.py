from django.apps import AppConfig
from django.core import checks


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = "Enquiries"

    def ready(self):
        from core import content
        from editing.admin_site import register_index_notices
        from enquiries.sitemaps import EnquiryPagesSitemap

        content.register_sitemaps({"enquiry-pages": EnquiryPagesSitemap})
        register_index_notices(queue_notices)
        checks.register(check_settings)
        checks.register(check_discreet_sender, checks.Tags.security, deploy=True)


def check_settings(app_configs=None, **kwargs):
    """A mistyped bank-holiday region or a reply time of no days stops the site at start-up,
    not at the first request."""
    import holidays
    from django.conf import settings

    errors = []
    regions = holidays.UK.subdivisions
    if settings.BANK_HOLIDAYS_REGION not in regions:
        errors.append(
            checks.Error(
                f"BANK_HOLIDAYS_REGION is {settings.BANK_HOLIDAYS_REGION!r}; "
                f"use one of {', '.join(regions)}.",
                id="enquiries.E001",
            )
        )
    if settings.REPLY_WORKING_DAYS < 1:
        errors.append(checks.Error("REPLY_WORKING_DAYS must be 1 or more.", id="enquiries.E002"))
    return errors


def check_discreet_sender(app_configs=None, **kwargs):
    """`check --deploy`: the sender of mail to people who asked for discretion must not name
    the practice. NEUTRAL_FROM_EMAIL falls back to DEFAULT_FROM_EMAIL, which usually does."""
    import re

    from django.conf import settings

    if settings.DEBUG:
        return []

    def letters(text):
        return re.sub(r"[^a-z0-9]", "", text.lower())

    neutral = settings.NEUTRAL_FROM_EMAIL
    name = letters(settings.PRACTICE["name"])
    if neutral != settings.DEFAULT_FROM_EMAIL and not (name and name in letters(neutral)):
        return []
    return [
        checks.Warning(
            f"NEUTRAL_FROM_EMAIL is {neutral!r}: mail to people who asked us not to say we are "
            "a therapy practice would come from an address that "
            + (
                "names the practice."
                if name and name in letters(neutral)
                else "is the site's usual sender."
            ),
            hint="Set NEUTRAL_FROM_EMAIL to an address of its own that does not name the "
            "practice, e.g. appointments@mail.example, and read its replies.",
            id="enquiries.W001",
        )
    ]


def queue_notices(request):
    """The admin index's counts of new and overdue requests, for those who may see them."""
    from django.urls import reverse
    from django.utils.http import urlencode

    from enquiries.models import Enquiry

    if not request.user.has_perm("enquiries.view_enquiry"):
        return []
    changelist = reverse("admin:enquiries_enquiry_changelist")
    new = Enquiry.objects.filter(status=Enquiry.Status.NEW).count()
    overdue = Enquiry.objects.overdue().count()
    return [
        {
            "text": f"{new} new enquir{'y' if new == 1 else 'ies'}",
            "url": f"{changelist}?{urlencode({'status__exact': Enquiry.Status.NEW})}",
            "urgent": False,
        },
        {
            "text": f"{overdue} overdue: reply due date passed"
            if overdue
            else "0 overdue enquiries",
            "url": f"{changelist}?{urlencode({'reply': 'overdue'})}",
            "urgent": bool(overdue),
        },
    ]
