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
