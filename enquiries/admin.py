import contextlib
import re
from functools import reduce
from urllib.parse import quote

import phonenumbers
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext
from phonenumber_field.phonenumber import PhoneNumber

from editing.admin_widgets import LabelledSplitDateTime
from enquiries import services
from enquiries.models import Enquiry, EnquiryEvent, ProblemReport, ReplyTemplate

HANDLERS_GROUP = "Enquiry handlers"


def handlers():
    """Who may own a request: active staff in "Enquiry handlers", and superusers."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__name=HANDLERS_GROUP))
        .distinct()
        .order_by("first_name", "username")
    )


def referral_template():
    return ReplyTemplate.objects.filter(key="referred").first()


class EnquiryAdminForm(forms.ModelForm):
    """Staff change the status, owner and booking; notes and emails are added, never edited."""

    add_note = forms.CharField(
        label="Add a note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Added to the history with your name and the time; it cannot be changed later. "
        "Keep it brief and factual.",
    )
    send_confirmation = forms.BooleanField(
        label="Email them a confirmation with a calendar file and a cancel link",
        required=False,
        help_text="Needs the status “First conversation booked” and a time in the future.",
    )
    referral_reply = forms.CharField(
        label="Reply for “Referred elsewhere”",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 80}),
        help_text="Ready to edit: copy it into your own email, or tick the box below to send it "
        "from the website (with the neutral sender when they asked for discretion).",
    )
    send_referral = forms.BooleanField(
        label="Email this reply to them now",
        required=False,
        help_text="Needs the status “Referred elsewhere”.",
    )

    class Meta:
        model = Enquiry
        fields = ["status", "owner", "booked_for", "booked_minutes"]
        # "Date:" and "Time:" are labels of their boxes, not loose text.
        widgets = {"booked_for": LabelledSplitDateTime}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "owner" in self.fields:
            self.fields["owner"].queryset = handlers()
            self.fields["owner"].label_from_instance = services.staff_name
        template = referral_template()
        if template and not self.is_bound:
            self.initial["referral_reply"] = template.render(self.instance)
        minutes = self.first_step_minutes()
        # A viewer's form has no fields to fill in.
        if (
            minutes
            and "booked_minutes" in self.fields
            and not self.is_bound
            and self.instance.booked_for is None
        ):
            self.initial["booked_minutes"] = minutes
            self.fields["booked_minutes"].help_text = (
                f"How long the first conversation lasts: filled in with the length of the "
                f"first step {self.instance.preferred_therapist.name} offers."
            )

    def first_step_minutes(self):
        """How long the first step they asked for lasts with their therapist (a 20-minute call,
        a 60-minute first session), to start a booking with; None when not known."""
        enquiry = self.instance
        therapist = enquiry.preferred_therapist if enquiry.pk else None
        if therapist is None or enquiry.first_step != therapist.first_step:
            return None
        return therapist.first_step_minutes

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        booked_for = cleaned.get("booked_for")
        if status == Enquiry.Status.BOOKED and not booked_for:
            self.add_error("booked_for", "Enter the date and time of the first conversation.")
        if cleaned.get("send_confirmation"):
            if status != Enquiry.Status.BOOKED:
                self.add_error(
                    "send_confirmation",
                    "Set the status to “First conversation booked” to send a confirmation.",
                )
            elif booked_for and booked_for <= timezone.now():
                self.add_error("booked_for", "This time has passed: enter a time in the future.")
        if cleaned.get("send_referral"):
            if status != Enquiry.Status.REFERRED:
                self.add_error(
                    "send_referral", "Set the status to “Referred elsewhere” to send this reply."
                )
            if not cleaned.get("referral_reply", "").strip():
                self.add_error("referral_reply", "Write the reply to send.")
        return cleaned


class OverdueFilter(admin.SimpleListFilter):
    title = "reply"
    parameter_name = "reply"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue"), ("due", "New, not yet overdue")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "due":
            return queryset.filter(status=Enquiry.Status.NEW).exclude(
                pk__in=queryset.overdue().values("pk")
            )
        return queryset


class OwnerFilter(admin.RelatedFieldListFilter):
    """ "By owner": only people who may own a request (handlers()), named as elsewhere."""

    def field_choices(self, field, request, model_admin):
        return [(user.pk, services.staff_name(user)) for user in handlers()]


# What people put between the digits of a phone number: "07700 900123", "(01632) 960-001".
PHONE_SEPARATORS = " -().+"
PHONE_SEARCH = re.compile(r"[\d\s().+-]+")


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    """Staff follow up enquiries here. Only users with the enquiry permissions see this page."""

    form = EnquiryAdminForm
    list_display = [
        "reply_due_display",
        "created_at",
        "status",
        "owner_display",
        "name",
        "preferred_therapist",
        "contact_method",
    ]
    list_display_links = ["created_at", "name"]
    list_filter = [
        OverdueFilter,
        "status",
        ("owner", OwnerFilter),
        "preferred_therapist",
        "created_at",
    ]
    list_select_related = ["preferred_therapist", "owner"]
    search_fields = ["name", "email", "phone"]
    date_hierarchy = "created_at"
    actions = ["mark_contacted", "mark_closed"]
    list_per_page = 50
    # What the visitor sent is kept as they sent it; staff change the status and their notes.
    readonly_fields = [
        "reply_due_display",
        "history",
        "cancel_state",
        "discretion_display",
        "created_at",
        "name",
        "email_link",
        "phone_number",
        "contact_method",
        "message",
        "preferred_modality",
        "preferred_format",
        "preferred_therapist",
        "consent",
        "consented_at",
        "first_step_display",
        "times_display",
        "times_note",
        "voicemail_display",
    ]
    fieldsets = [
        (None, {"fields": ["reply_due_display", "status", "owner", "add_note", "history"]}),
        (
            "From the visitor",
            {
                "fields": [
                    "created_at",
                    "name",
                    "email_link",
                    "phone_number",
                    "contact_method",
                    "voicemail_display",
                    "discretion_display",
                    "message",
                ]
            },
        ),
        (
            "What they would like",
            {
                "fields": [
                    "preferred_therapist",
                    "first_step_display",
                    "times_display",
                    "times_note",
                    "preferred_modality",
                    "preferred_format",
                ]
            },
        ),
        (
            "First conversation",
            {"fields": ["booked_for", "booked_minutes", "send_confirmation", "cancel_state"]},
        ),
        ("Referred elsewhere", {"fields": ["referral_reply", "send_referral"]}),
        ("Consent", {"fields": ["consent", "consented_at"]}),
    ]

    @admin.display(description="email", ordering="email")
    def email_link(self, enquiry):
        """The address as a link that starts an email to it (quoted, so that nothing in it can
        add a subject or another recipient)."""
        if not enquiry.email:
            return "-"
        return format_html(
            '<a href="mailto:{}">{}</a>', quote(enquiry.email, safe="@"), enquiry.email
        )

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

    class Media:
        css = {"all": ["css/admin-enquiries.css"]}

    def get_queryset(self, request):
        # Not super(): it orders by get_ordering() before the annotation exists.
        return Enquiry.objects.queue_order()

    def get_ordering(self, request):
        return ["queue_rank", "reply_due", "-created_at"]

    @admin.display(description="Reply due", ordering="reply_due")
    def reply_due_display(self, enquiry):
        if enquiry.reply_due is None:
            return "-"
        due = f"{enquiry.reply_due:%a %d %b %Y}"
        if enquiry.is_overdue:
            return format_html('<strong class="overdue">Overdue: was due {}</strong>', due)
        if enquiry.status == Enquiry.Status.NEW:
            return format_html('<span class="due">Due {}</span>', due)
        return format_html(
            '<span class="replied">{} (was due {})</span>', enquiry.get_status_display(), due
        )

    @admin.display(description="Owner", ordering="owner__username")
    def owner_display(self, enquiry):
        if enquiry.owner is None:
            return "Nobody yet"
        return services.staff_name(enquiry.owner)

    @admin.display(description="May we say we are a therapy practice?")
    def discretion_display(self, enquiry):
        if enquiry.discreet:
            return format_html(
                "<strong>{}</strong>: every message uses the neutral sender and subject; "
                "don't say “therapy” on the phone or in a voicemail.",
                "No",
            )
        return "Yes"

    @admin.display(description="OK to leave a voicemail")
    def voicemail_display(self, enquiry):
        # In words: a tick or cross icon beside "Empty: not asked" was read as "not asked".
        if enquiry.voicemail_ok is None:
            return "Not asked (they chose email only)"
        if enquiry.voicemail_ok:
            return "Yes"
        return format_html("<strong>{}</strong>: do not leave a voicemail.", "No")

    @admin.display(description="First step they would like")
    def first_step_display(self, enquiry):
        """What they asked for, and what their therapist offers (the model's label says "15
        minutes", but each therapist's call is their own length)."""
        asked = {
            Enquiry.FirstStep.CALL: "A call to check fit",
            Enquiry.FirstStep.SESSION: "A first session",
            Enquiry.FirstStep.NOT_SURE: "Not sure yet",
        }.get(enquiry.first_step)
        if asked is None:
            return "-"
        therapist = enquiry.preferred_therapist
        if therapist is None:
            return f"{asked} (with whoever suits them)"
        offers = therapist.first_step_in_words
        if not offers:
            return f"{asked}; {therapist.name}'s profile states no first step"
        if enquiry.first_step == therapist.first_step:
            # "A first session (60 minutes, £60), as Daniel Okafor offers"
            return f"{offers}, as {therapist.name} offers"
        return f"{asked}; {therapist.name} offers {offers[:1].lower()}{offers[1:]}"

    @admin.display(description="Times that suit them")
    def times_display(self, enquiry):
        return ", ".join(enquiry.times_labels) or "-"

    @admin.display(description="Cancel link")
    def cancel_state(self, enquiry):
        if enquiry.cancelled_at:
            return f"Cancelled by them at {timezone.localtime(enquiry.cancelled_at):%H:%M on %d %b %Y}."
        if enquiry.confirmation_sent_at:
            return f"Confirmation sent at {timezone.localtime(enquiry.confirmation_sent_at):%H:%M on %d %b %Y}."
        return "No confirmation sent yet."

    @admin.display(description="History")
    def history(self, enquiry):
        events = list(enquiry.events.select_related("by"))
        if not events:
            return "Nothing yet."
        return format_html(
            '<ol class="enquiry-history">{}</ol>',
            format_html_join(
                "",
                '<li class="enquiry-history__{}"><span class="enquiry-history__when">{}, {}:'
                "</span> <strong>{}</strong> {}</li>",
                (
                    (
                        event.kind,
                        f"{timezone.localtime(event.at):%d %b %Y %H:%M}",
                        services.staff_name(event.by) if event.by else "website",
                        event.get_kind_display(),
                        event.text,
                    )
                    for event in events
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        """Save, then add what changed to the history (append-only) with who and when."""
        if "booked_for" in form.changed_data:
            obj.cancelled_at = None  # a new time gets a new cancel link
        super().save_model(request, obj, form, change)
        record = []
        if "status" in form.changed_data:
            old = Enquiry.Status(form.initial.get("status", Enquiry.Status.NEW)).label
            record.append((EnquiryEvent.Kind.STATUS, f"{old} → {obj.get_status_display()}"))
        if "owner" in form.changed_data:
            owner = services.staff_name(obj.owner) if obj.owner else "nobody"
            record.append((EnquiryEvent.Kind.OWNER, f"Now looked after by {owner}."))
        if obj.booked_for and {"booked_for", "booked_minutes"} & set(form.changed_data):
            record.append(
                (
                    EnquiryEvent.Kind.BOOKED,
                    f"{timezone.localtime(obj.booked_for):%A %d %B %Y at %H:%M}, "
                    f"{obj.booked_minutes} minutes.",
                )
            )
        note = form.cleaned_data.get("add_note", "").strip()
        if note:
            record.append((EnquiryEvent.Kind.NOTE, note))
        for kind, text in record:
            EnquiryEvent.objects.create(enquiry=obj, by=request.user, kind=kind, text=text)
        if "owner" in form.changed_data and obj.owner and obj.owner != request.user:
            transaction.on_commit(lambda: self._tell_owner(request, obj))
        if form.cleaned_data.get("send_confirmation"):
            transaction.on_commit(lambda: self._send(request, obj, "confirmation"))
        if form.cleaned_data.get("send_referral"):
            reply = form.cleaned_data["referral_reply"]
            transaction.on_commit(lambda: self._send(request, obj, "referral", reply))

    def _tell_owner(self, request, enquiry):
        """Once the save is committed: email the new owner (never the request's content)."""
        owner = services.staff_name(enquiry.owner)
        sent = services.notify_owner(enquiry, by=request.user)
        if sent is None:
            self.message_user(
                request,
                f"{owner} has no email address in their account, so they were not told it is "
                "theirs: tell them yourself.",
                messages.WARNING,
            )
        elif sent:
            self.message_user(request, f"{owner} was emailed that it is theirs.", messages.SUCCESS)
        else:
            self.message_user(
                request,
                f"The email telling {owner} it is theirs could not be sent. The request and its "
                "new owner are saved; the failure is in its history. Tell them another way.",
                messages.ERROR,
            )

    def _send(self, request, enquiry, what, body=None):
        if what == "confirmation":
            sent = services.send_confirmation(enquiry, by=request.user)
        else:
            template = referral_template()
            subject = template.subject if template else "Finding support elsewhere"
            sent = services.send_to_person(
                enquiry, subject, body, by=request.user, what="Referred-elsewhere reply"
            )
        if sent:
            self.message_user(request, f"The {what} email was sent.", messages.SUCCESS)
        else:
            self.message_user(
                request,
                f"The {what} email could not be sent. The request is saved; the failure is in "
                "its history. Try again later or contact them another way.",
                messages.ERROR,
            )

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
            old = enquiry.get_status_display()
            enquiry.status = status
            enquiry.save(update_fields=["status", "updated_at"])
            self.log_change(request, enquiry, f"Marked {label}.")
            EnquiryEvent.objects.create(
                enquiry=enquiry,
                by=request.user,
                kind=EnquiryEvent.Kind.STATUS,
                text=f"{old} → {enquiry.get_status_display()}",
            )
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


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    """Ready replies staff start from. The "Referred elsewhere" one is also shown on the contact
    page while no therapist is accepting new clients."""

    list_display = ["name", "subject", "updated_at"]
    fields = ["name", "subject", "body"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
