from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import ngettext

from core.pasted import PastedTextAdmin
from core.revisions import RevisionAdmin
from therapists.models import Concern, Language, Membership, Modality, Therapist


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["body", "level", "registration_number", "register_url"]


@admin.register(Therapist)
class TherapistAdmin(PastedTextAdmin, RevisionAdmin):
    markdown_fields = ["biography"]
    # A restore never lists or hides a therapist, moves their page or changes their photo.
    restore_keeps = ["slug", "is_active", "photo", "photo_alt"]
    list_display = [
        "thumbnail",
        "name",
        "title",
        "accepting_new_clients",
        "is_active",
        "display_order",
    ]
    list_display_links = ["thumbnail", "name"]
    list_editable = ["accepting_new_clients", "display_order"]
    list_filter = [
        "is_active",
        "accepting_new_clients",
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
    readonly_fields = ["current_photo", "created_at", "updated_at"]
    # Deleting stays possible (erasure requests), but the page says to mark inactive instead.
    delete_confirmation_template = "therapists/admin/delete_confirmation.html"
    fieldsets = [
        (None, {"fields": ["name", "slug", "pronouns", "title", "is_active", "display_order"]}),
        ("Photo", {"fields": ["current_photo", "photo", "photo_alt"]}),
        ("Profile", {"fields": ["introduction", "biography", "qualifications"]}),
        ("Approaches and specialisms", {"fields": ["modalities", "concerns", "languages"]}),
        (
            "Sessions",
            {
                "fields": [
                    ("offers_in_person", "offers_online", "offers_telephone"),
                    ("works_with_adults", "works_with_couples", "works_with_young_people"),
                    "fee",
                    "reduced_fee_places",
                    "accepting_new_clients",
                ]
            },
        ),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

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


@admin.register(Modality)
class ModalityAdmin(PastedTextAdmin, RevisionAdmin):
    markdown_fields = ["explainer"]
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
