from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect as redirect_to
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from redirects import importing, not_found
from redirects.models import NOT_FOUND_DAYS, NotFoundPath, Redirect, path_variants
from redirects.paths import normalise_path

MAX_LIST_BYTES = 2 * 1024 * 1024


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    """Every old address, where it leads, and how often it was used. Renaming a page adds one
    by itself; staff may add their own (e.g. from a page of the old site) or remove any."""

    list_display = [
        "address",
        "leads_to",
        "status",
        "source",
        "note",
        "hits",
        "last_hit_at",
        "created_at",
    ]
    list_filter = ["status", "source"]
    search_fields = ["old_path", "query", "target_path", "note"]
    fields = [
        "old_path",
        "query",
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
    change_list_template = "admin/redirects/redirect/change_list.html"

    @admin.display(description="old address", ordering="old_path")
    def address(self, redirect):
        return str(redirect)

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

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="redirects_redirect_import"), *super().get_urls()]

    def import_view(self, request):
        """Paste or upload many redirects; see what would change; then confirm."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = RedirectListForm(request.POST or None, request.FILES or None)
        lines = None
        if request.method == "POST" and form.is_valid():
            lines = importing.plan(form.lines())
            if "confirm" in request.POST:
                counts = importing.apply(lines)
                messages.success(
                    request,
                    f"{counts['add']} redirects added, {counts['change']} changed, "
                    f"{counts['unchanged']} already there, {counts['refused']} refused.",
                )
                return redirect_to("admin:redirects_redirect_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Add redirects from a list",
            "form": form,
            "lines": lines,
            "counts": importing.summary(lines) if lines is not None else None,
            "text": form.cleaned_data.get("text", "") if form.is_bound and form.is_valid() else "",
        }
        return TemplateResponse(request, "admin/redirects/redirect/import.html", context)


class RedirectListForm(forms.Form):
    FORMATS = [
        ("mappings", "Squarespace URL Mappings (/old -> /new 301)"),
        ("csv", "CSV (old,new,status)"),
    ]
    format = forms.ChoiceField(choices=FORMATS, initial="mappings")
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 90}),
        help_text="Paste the list here, or choose a file below.",
    )
    file = forms.FileField(required=False, help_text="A .txt or .csv file, up to 2 MB.")

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            if upload.size > MAX_LIST_BYTES:
                raise forms.ValidationError("The file is larger than 2 MB.")
            try:
                cleaned["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError("The file is not text (UTF-8).") from None
        if not cleaned.get("text", "").strip():
            raise forms.ValidationError("Paste a list or choose a file.")
        return cleaned

    def lines(self):
        parse = (
            importing.parse_csv
            if self.cleaned_data["format"] == "csv"
            else importing.parse_url_mappings
        )
        return parse(self.cleaned_data["text"])


@admin.register(NotFoundPath)
class NotFoundPathAdmin(admin.ModelAdmin):
    """Addresses visitors asked for that do not exist: after the move, add a redirect for the
    ones an old link still sends people to."""

    list_display = ["path", "hits", "first_seen_at", "last_seen_at", "add_redirect"]
    search_fields = ["path"]
    readonly_fields = ["path", "hits", "first_seen_at", "last_seen_at"]

    def get_queryset(self, request):
        not_found.flush()
        NotFoundPath.objects.purge()
        NotFoundPath.objects.forget_live()
        return super().get_queryset(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # Old addresses that already lead somewhere (one query, not one per row); read by
        # add_redirect() while this page is drawn.
        self._redirected = set(Redirect.objects.values_list("old_path", flat=True))
        extra_context = {
            **(extra_context or {}),
            "subtitle": f"Paths that answered “Not found” in the last {NOT_FOUND_DAYS} days. "
            "Only the path is kept, never who asked.",
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description="redirect")
    def add_redirect(self, row):
        """Add a redirect, or, for a path that has one since, a link to it."""
        if set(path_variants(row.path, decoded=True)) & getattr(self, "_redirected", set()):
            url = (
                reverse("admin:redirects_redirect_changelist")
                + "?"
                + urlencode({"q": normalise_path(row.path, decoded=True)})
            )
            return format_html('<a href="{}">Has a redirect</a>', url)
        url = reverse("admin:redirects_redirect_add") + "?" + urlencode({"old_path": row.path})
        return format_html('<a href="{}">Add a redirect</a>', url)
