from django.contrib import admin, messages
from django.utils.translation import ngettext

from enquiries.models import Enquiry


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    """Staff follow up enquiries here. Only users with the enquiry permissions see this page."""

    list_display = ["created_at", "status", "name", "preferred_therapist", "contact_method"]
    list_display_links = ["created_at", "name"]
    list_filter = ["status", "preferred_therapist", "created_at"]
    list_select_related = ["preferred_therapist"]
    search_fields = ["name", "email"]
    date_hierarchy = "created_at"
    actions = ["mark_contacted", "mark_closed"]
    list_per_page = 50
    # What the visitor sent is kept as they sent it; staff change the status and their notes.
    readonly_fields = [
        "created_at",
        "name",
        "email",
        "phone",
        "contact_method",
        "message",
        "preferred_modality",
        "preferred_format",
        "preferred_therapist",
        "consent",
        "consented_at",
    ]
    fieldsets = [
        (None, {"fields": ["status", "staff_notes"]}),
        (
            "From the visitor",
            {
                "fields": [
                    "created_at",
                    "name",
                    "email",
                    "phone",
                    "contact_method",
                    "message",
                ]
            },
        ),
        (
            "Preferences",
            {"fields": ["preferred_therapist", "preferred_modality", "preferred_format"]},
        ),
        ("Consent", {"fields": ["consent", "consented_at"]}),
    ]

    def has_add_permission(self, request):
        # Enquiries come from the website's form; staff never type one in.
        return False

    def _set_status(self, request, queryset, status):
        updated = queryset.update(status=status)
        label = Enquiry.Status(status).label.lower()
        self.message_user(
            request,
            ngettext(
                "%(count)d enquiry marked %(label)s.",
                "%(count)d enquiries marked %(label)s.",
                updated,
            )
            % {"count": updated, "label": label},
            messages.SUCCESS,
        )

    @admin.action(description="Mark selected enquiries as contacted", permissions=["change"])
    def mark_contacted(self, request, queryset):
        self._set_status(request, queryset, Enquiry.Status.CONTACTED)

    @admin.action(description="Mark selected enquiries as closed", permissions=["change"])
    def mark_closed(self, request, queryset):
        self._set_status(request, queryset, Enquiry.Status.CLOSED)
