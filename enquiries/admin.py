import contextlib
import re
from functools import reduce

import phonenumbers
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import F, Value
from django.db.models.functions import Replace
from django.utils.html import format_html
from django.utils.translation import ngettext
from phonenumber_field.phonenumber import PhoneNumber

from enquiries.models import Enquiry, ProblemReport

# What people put between the digits of a phone number: "07700 900123", "(01632) 960-001".
PHONE_SEPARATORS = " -().+"
PHONE_SEARCH = re.compile(r"[\d\s().+-]+")


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    """Staff follow up enquiries here. Only users with the enquiry permissions see this page."""

    list_display = ["created_at", "status", "name", "preferred_therapist", "contact_method"]
    list_display_links = ["created_at", "name"]
    list_filter = ["status", "preferred_therapist", "created_at"]
    list_select_related = ["preferred_therapist"]
    search_fields = ["name", "email", "phone"]
    date_hierarchy = "created_at"
    actions = ["mark_contacted", "mark_closed"]
    list_per_page = 50
    # What the visitor sent is kept as they sent it; staff change the status and their notes.
    readonly_fields = [
        "created_at",
        "name",
        "email",
        "phone_number",
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
                    "phone_number",
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

    @admin.display(description="phone", ordering="phone")
    def phone_number(self, enquiry):
        """The number in the practice's national format (international for numbers abroad), as
        a link that dials it; a number left before numbers were checked, as it was typed."""
        number = enquiry.phone
        if not number:
            return "-"
        if not number.is_valid():
            return f"{number} (not a valid phone number: kept as the visitor typed it)"
        # Same country code: dialled as a national number (+44 covers GB, Jersey, Guernsey...).
        home = number.country_code == phonenumbers.country_code_for_region(
            settings.PHONENUMBER_DEFAULT_REGION
        )
        shown = number.as_national if home else number.as_international
        return format_html('<a href="tel:{}">{}</a>', number.as_e164, shown)

    def get_search_results(self, request, queryset, search_term):
        """Search as usual; a phone number also matches however it is typed: numbers are stored
        in E.164 ("+447700900123"), so "07700 900123" is read as a number first, and digits
        also match older numbers kept as typed, however their digits were spaced."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if PHONE_SEARCH.fullmatch(search_term.strip()):
            with contextlib.suppress(phonenumbers.NumberParseException):
                number = PhoneNumber.from_string(search_term)
                if number.is_valid():
                    found = found | queryset.filter(phone=number.as_e164)
        digits = re.sub(r"\D", "", search_term)
        if len(digits) >= 4 and PHONE_SEARCH.fullmatch(search_term.strip()):
            phone_digits = reduce(
                lambda text, separator: Replace(text, Value(separator), Value("")),
                PHONE_SEPARATORS,
                F("phone"),
            )
            same_number = queryset.alias(phone_digits=phone_digits).filter(
                phone_digits__contains=digits
            )
            found = found | queryset.filter(pk__in=same_number.values("pk"))
        return found, may_have_duplicates

    def has_add_permission(self, request):
        # Enquiries come from the website's form; staff never type one in.
        return False

    def _set_status(self, request, queryset, status):
        """Save each enquiry (not a bulk update), so `updated_at` and the History record it."""
        label = Enquiry.Status(status).label.lower()
        already = queryset.filter(status=status).count()
        changed = 0
        for enquiry in queryset.exclude(status=status):
            enquiry.status = status
            enquiry.save(update_fields=["status", "updated_at"])
            self.log_change(request, enquiry, f"Marked {label}.")
            changed += 1
        if changed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d enquiry marked %(label)s.",
                    "%(count)d enquiries marked %(label)s.",
                    changed,
                )
                % {"count": changed, "label": label},
                messages.SUCCESS,
            )
        if already:
            self.message_user(
                request,
                ngettext(
                    "%(count)d enquiry was already %(label)s.",
                    "%(count)d enquiries were already %(label)s.",
                    already,
                )
                % {"count": already, "label": label},
                messages.INFO,
            )

    @admin.action(description="Mark selected enquiries as contacted", permissions=["change"])
    def mark_contacted(self, request, queryset):
        # A closed enquiry is finished: ticking it with others must not reopen it.
        closed = queryset.filter(status=Enquiry.Status.CLOSED).count()
        self._set_status(
            request, queryset.exclude(status=Enquiry.Status.CLOSED), Enquiry.Status.CONTACTED
        )
        if closed:
            self.message_user(
                request,
                ngettext(
                    "%d closed enquiry was left closed, as it is finished. To reopen it, "
                    "change its status on its own page.",
                    "%d closed enquiries were left closed, as they are finished. To reopen one, "
                    "change its status on its own page.",
                    closed,
                )
                % closed,
                messages.WARNING,
            )

    @admin.action(description="Mark selected enquiries as closed", permissions=["change"])
    def mark_closed(self, request, queryset):
        self._set_status(request, queryset, Enquiry.Status.CLOSED)


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    """Visitors' reports of a problem with a page. What they sent is kept as they sent it."""

    list_display = ["created_at", "status", "page_link", "has_email"]
    list_display_links = ["created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["page", "problem"]
    date_hierarchy = "created_at"
    list_per_page = 50
    readonly_fields = ["created_at", "page_link", "problem", "email"]
    fields = ["status", "staff_notes", "created_at", "page_link", "problem", "email"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="page", ordering="page")
    def page_link(self, report):
        if not report.page:
            return "not given"
        return format_html('<a href="{}">{}</a>', report.page, report.page)

    @admin.display(description="email given", boolean=True)
    def has_email(self, report):
        return bool(report.email)
