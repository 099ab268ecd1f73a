from django.contrib import admin
from django.utils.html import format_html

from core.redirects.models import Redirect


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    """Every old address, where it leads, and how often it was used. Renaming a page adds one
    by itself; staff may add their own (e.g. from a page of the old site) or remove any."""

    list_display = ["old_path", "leads_to", "status", "source", "hits", "last_hit_at", "created_at"]
    list_filter = ["status", "source"]
    search_fields = ["old_path", "target_path", "note"]
    fields = [
        "old_path",
        "target_path",
        "status",
        "keep_query_string",
        "note",
        "leads_to",
        "source",
        "hits",
        "last_hit_at",
        "created_at",
    ]
    readonly_fields = ["leads_to", "source", "hits", "last_hit_at", "created_at"]

    @admin.display(description="leads to")
    def leads_to(self, redirect):
        if redirect.pk is None:
            return "—"
        if redirect.status == Redirect.Status.GONE:
            return "410 Gone"
        label = redirect.destination_label()
        if label.startswith("/"):
            return format_html('<a href="{}">{}</a>', label, label)
        return label
