from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from core import dates
from editing.admin_lists import ChecklistAdmin, LabelledListEditableAdmin
from editing.revisions import RevisionAdmin
from therapists.models import (
    AvailabilityCheck,
    Concern,
    Language,
    Membership,
    Modality,
    RegistrationCheck,
    Therapist,
)


class MembershipInline(admin.StackedInline):
    # Stacked, not a table: the table was 2086 px wide at 1280 and its empty header cell and
    # header-only labels failed axe (as the article's sources did).
    model = Membership
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["body", "level", "registration_number", "register_url", "checked_on"]


class RegistrationCheckedFilter(admin.SimpleListFilter):
    title = "registration checked"
    parameter_name = "registration"

    def lookups(self, request, model_admin):
        return [("checked", "Checked lately"), ("unchecked", "Not checked lately")]

    def queryset(self, request, queryset):
        if self.value() == "checked":
            return queryset.filter(has_checked_registration=True)
        if self.value() == "unchecked":
            return queryset.filter(has_checked_registration=False)
        return queryset


@admin.register(Therapist)
class TherapistAdmin(LabelledListEditableAdmin, RevisionAdmin):
    # A restore never lists or hides a therapist, moves their page or changes their photo.
    restore_keeps = ["slug", "is_active", "photo", "photo_alt"]
    list_display = [
        "thumbnail",
        "name",
        "title",
        "accepting_new_clients",
        "availability_confirmed",
        "registration",
        "is_active",
        "display_order",
    ]
    # The name heads the row and opens the therapist; the photo beside it is decoration (a link
    # around it would be a second link to the same page, named by the same name).
    list_display_links = ["name"]
    list_editable = ["accepting_new_clients", "display_order"]
    list_filter = [
        "is_active",
        "accepting_new_clients",
        RegistrationCheckedFilter,
        "modalities",
        "concerns",
        "offers_in_person",
        "offers_online",
        "offers_telephone",
        "languages",
    ]
    search_fields = ["name", "title", "introduction"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["modalities", "concerns", "languages"]
    inlines = [MembershipInline]
    actions = ["mark_inactive", "mark_active"]
    readonly_fields = ["current_photo", "availability_confirmed_at", "created_at", "updated_at"]
    # Deleting stays possible (erasure requests), but the page says to mark inactive instead.
    delete_confirmation_template = "therapists/admin/delete_confirmation.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "pronouns",
                    "title",
                    "is_active",
                    "display_order",
                    "staff_user",
                ]
            },
        ),
        ("Photo", {"fields": ["current_photo", "photo", "photo_alt"]}),
        ("Profile", {"fields": ["introduction", "biography", "qualifications"]}),
        ("Approaches and specialisms", {"fields": ["modalities", "concerns", "languages"]}),
        (
            "Sessions",
            {
                "fields": [
                    ("offers_in_person", "offers_online", "offers_telephone"),
                    "offers_evenings",
                    ("access_step_free", "access_ground_floor", "access_hearing_loop"),
                    (
                        "works_with_adults",
                        "works_with_couples",
                        "works_with_families",
                        "works_with_young_people",
                    ),
                    "young_people_ages",
                    "fee",
                    "reduced_fee_places",
                    ("session_minutes", "session_frequency"),
                    "accepting_new_clients",
                    "availability_confirmed_at",
                ]
            },
        ),
        (
            "The first step",
            {
                "fields": ["first_step", ("first_step_minutes", "first_step_fee")],
                "description": "What happens first for a new client, spelled out on the "
                "profile. Empty fields are not shown.",
            },
        ),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_registration_check()

    def save_model(self, request, obj, form, change):
        # Staff setting "accepting new clients" (here or in the list) confirm it as of now.
        if "accepting_new_clients" in form.changed_data:
            obj.availability_confirmed_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.display(description="availability confirmed", ordering="availability_confirmed_at")
    def availability_confirmed(self, therapist):
        if therapist.availability_confirmed_at is None:
            return "never"
        words = dates.days_ago_in_words(therapist.availability_confirmed_at)
        if therapist.availability() == "ask":
            return format_html("<strong>{}: to confirm</strong>", words)
        return words

    @admin.display(description="registration", ordering="has_checked_registration")
    def registration(self, therapist):
        if therapist.has_checked_registration:
            return "checked"
        if therapist.is_active:
            # Flagged: visitors see this profile, and nobody has checked the register lately.
            return mark_safe("<strong>⚠ not checked</strong>")  # fixed text
        return "not checked"

    @admin.display(description="photo")
    def thumbnail(self, therapist):
        if not therapist.photo_small:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="40" height="50">', therapist.photo_small.url
        )

    @admin.display(description="photo as shown on the profile")
    def current_photo(self, therapist):
        if not therapist.photo_large:
            return "No photo yet: the site shows the therapist's initials instead."
        return format_html(
            '<img src="{}" alt="{}" width="160" height="200">',
            therapist.photo_large.url,
            therapist.photo_alt,
        )

    def _set_active(self, request, queryset, active):
        """Save each therapist (not a bulk update) so history and page-cache signals see it."""
        changed = 0
        queryset, skipped = self.changed_since_list_loaded(request, queryset)
        self.report_skipped(request, skipped)
        for therapist in queryset.filter(is_active=not active):
            therapist.is_active = active
            therapist.save(update_fields=["is_active", "updated_at"])
            self.log_change(request, therapist, "Marked active." if active else "Marked inactive.")
            changed += 1
        return changed

    @admin.action(description="Mark inactive (hide from the site)")
    def mark_inactive(self, request, queryset):
        updated = self._set_active(request, queryset, active=False)
        self.message_user(
            request,
            ngettext(
                "%d therapist is now hidden from the site.",
                "%d therapists are now hidden from the site.",
                updated,
            )
            % updated,
            messages.SUCCESS,
        )

    @admin.action(description="Mark active (show on the site)")
    def mark_active(self, request, queryset):
        updated = self._set_active(request, queryset, active=True)
        self.message_user(
            request,
            ngettext(
                "%d therapist is now shown on the site.",
                "%d therapists are now shown on the site.",
                updated,
            )
            % updated,
            messages.SUCCESS,
        )

    def get_actions(self, request):
        # Therapists are hidden with "Mark inactive", not deleted in bulk: deleting one would
        # also unlink them from the articles they wrote.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        # Only a superuser may delete outright (e.g. to honour an erasure request).
        return request.user.is_superuser and super().has_delete_permission(request, obj)


@admin.register(AvailabilityCheck)
class AvailabilityCheckAdmin(ChecklistAdmin):
    """Listed therapists ticked as accepting whose confirmation has run out: the site says "Ask
    about availability" for them until staff answer, with one click, either way."""

    concrete = Therapist
    list_display = ["therapist", "last_confirmed", "answer"]
    ordering = ["availability_confirmed_at"]

    def get_queryset(self, request):
        return AvailabilityCheck.objects.availability_to_confirm()

    def get_urls(self):
        return [
            path(
                "<int:pk>/<str:answer>/",
                self.answer_view(self.confirm),
                name="therapists_availabilitycheck_answer",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="therapist", ordering="name")
    def therapist(self, therapist):
        url = reverse("admin:therapists_therapist_change", args=[therapist.pk])
        return format_html('<a href="{}">{}</a>', url, therapist.name)

    @admin.display(description="last confirmed", ordering="availability_confirmed_at")
    def last_confirmed(self, therapist):
        if therapist.availability_confirmed_at is None:
            return "never"
        return dates.days_ago_in_words(therapist.availability_confirmed_at)

    @admin.display(description="are they accepting new clients?")
    def answer(self, therapist):
        return format_html(
            "{} {}",
            self.button(self._answer_url(therapist, "accepting"), "Still accepting"),
            self.button(self._answer_url(therapist, "not-accepting"), "Not accepting"),
        )

    @staticmethod
    def _answer_url(therapist, answer):
        return reverse("admin:therapists_availabilitycheck_answer", args=[therapist.pk, answer])

    def confirm(self, request, pk, answer):
        if answer not in ("accepting", "not-accepting"):
            raise Http404("No such answer.")
        therapist = get_object_or_404(Therapist, pk=pk)
        accepting = answer == "accepting"
        therapist.confirm_availability(accepting)
        therapist.save(
            update_fields=["accepting_new_clients", "availability_confirmed_at", "updated_at"]
        )
        note = (
            "Confirmed still accepting new clients."
            if accepting
            else "Confirmed not accepting new clients (waiting list)."
        )
        self.log_change(request, therapist, note)
        self.message_user(request, f"{therapist.name}: {note[0].lower()}{note[1:]}")
        return self.done(request)


@admin.register(RegistrationCheck)
class RegistrationCheckAdmin(ChecklistAdmin):
    """Registrations of listed therapists never checked, or not checked for
    REGISTRATION_RECHECK_MONTHS, oldest first; "Checked today" records a check in one click."""

    concrete = Membership
    list_display = ["therapist_link", "body", "level", "registration_number", "entry", "checked"]
    ordering = ["checked_on", "therapist__name"]

    def get_queryset(self, request):
        return (
            RegistrationCheck.objects.to_recheck()
            .filter(therapist__in=Therapist.objects.listed())
            .select_related("therapist")
        )

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or request.user.has_perm(
            "therapists.view_therapist"
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or request.user.has_perm(
            "therapists.change_therapist"
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/<str:answer>/",
                self.answer_view(self.mark_checked),
                name="therapists_registrationcheck_answer",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="therapist", ordering="therapist__name")
    def therapist_link(self, membership):
        url = reverse("admin:therapists_therapist_change", args=[membership.therapist_id])
        return format_html('<a href="{}">{}</a>', url, membership.therapist.name)

    @admin.display(description="register entry")
    def entry(self, membership):
        if not membership.register_url:
            return "no link"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener noreferrer">Open the register</a>',
            membership.register_url,
        )

    @admin.display(description="last checked", ordering="checked_on")
    def checked(self, membership):
        when = "never" if membership.checked_on is None else date_format(membership.checked_on)
        url = reverse("admin:therapists_registrationcheck_answer", args=[membership.pk, "checked"])
        return format_html("{} {}", when, self.button(url, "Checked today"))

    def mark_checked(self, request, pk, answer):
        if answer != "checked":
            raise Http404("No such answer.")
        membership = get_object_or_404(Membership.objects.select_related("therapist"), pk=pk)
        membership.checked_on = dates.today()
        membership.save(update_fields=["checked_on"])
        therapist = membership.therapist
        note = f"Checked the {membership.body} registration on its register."
        self.log_change(request, therapist, note)
        self.message_user(request, f"{therapist.name}: {note[0].lower()}{note[1:]}")
        return self.done(request)


@admin.register(Modality)
class ModalityAdmin(LabelledListEditableAdmin, RevisionAdmin):
    restore_keeps = ["slug"]
    list_display = ["name", "order", "therapist_count"]
    list_editable = ["order"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "summary", "explainer", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(therapist_total=Count("therapists"))

    @admin.display(description="therapists", ordering="therapist_total")
    def therapist_count(self, modality):
        return modality.therapist_total


@admin.register(Concern)
class ConcernAdmin(RevisionAdmin):
    restore_keeps = ["slug"]
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Language)
class LanguageAdmin(RevisionAdmin):
    restore_keeps = ["slug"]
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
