from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = "Enquiries"

    def ready(self):
        from core import content
        from core.admin_site import register_index_notices
        from enquiries.sitemaps import EnquiryPagesSitemap

        content.register_sitemaps({"enquiry-pages": EnquiryPagesSitemap})
        register_index_notices(queue_notices)


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
