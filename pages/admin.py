from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import ngettext

from editing.admin_widgets import writing_widgets
from editing.revisions import RevisionAdmin
from pages import addresses
from pages.models import MenuLink, Page

MARKDOWN_HELP = """
<p>Formatting with Markdown:</p>
<ul class="markdown-help">
  <li><code>## A heading</code> and <code>### A smaller heading</code>
      (the title is the page's main heading, so start at <code>##</code>)</li>
  <li>A blank line starts a new paragraph; <code>**bold**</code> and <code>*italic*</code></li>
  <li><code>[link text](/contact/)</code> for a link</li>
  <li><code>- item</code> for a bulleted list, <code>1. item</code> for a numbered list</li>
  <li>A table: a line of headings between <code>|</code>, a line such as
      <code>|---|---|</code>, then one line a row: <code>| Session | £70 |</code></li>
  <li>On a questions-and-answers page, each <code>### Question?</code> heading is a question;
      the text under it is its answer</li>
</ul>
<p>To place a picture, add it under Articles › Images for articles and copy the line it shows,
such as <code>![Two chairs by a window](image:42)</code>. HTML, scripts and embedded media are
removed for safety.</p>
"""


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = [
            "title",
            "slug",
            "summary",
            "kind",
            "body",
            "status",
            "show_support_box",
            "parent",
            "last_reviewed",
        ]
        widgets = writing_widgets()
        help_texts = {"body": MARKDOWN_HELP}
        error_messages = {
            "slug": {"unique": "Another page already uses this address. Choose a different one."}
        }

    def clean_slug(self):
        return addresses.normalise(self.cleaned_data.get("slug"))


@admin.register(Page)
class PageAdmin(RevisionAdmin):
    form = PageAdminForm
    # A restore never publishes, unpublishes or moves a page (editing/revisions.py).
    restore_keeps = ["slug", "status"]
    list_display = ["title", "address", "visibility", "kind", "last_reviewed", "updated_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["parent"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["preview_link", "created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "kind", "body"]}),
        (
            "Publishing",
            {
                "fields": ["status", "preview_link", "show_support_box", "parent", "last_reviewed"],
                "description": "Drafts are never shown to visitors, in menus, search or the "
                "sitemap. Add a published page to the menus under Pages and menus › Menu links.",
            },
        ),
        ("Details", {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(description="address", ordering="slug")
    def address(self, page):
        return f"/{page.slug}/"

    @admin.display(description="on the site", ordering="status")
    def visibility(self, page):
        preview = reverse("pages:preview", args=[page.pk])
        if page.is_public:
            return format_html('<a href="{}">Published</a>', page.get_absolute_url())
        return format_html('Draft · <a href="{}">Preview</a>', preview)

    @admin.display(description="preview")
    def preview_link(self, page):
        if page.pk is None:
            return "Save the page to preview it."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview the saved page</a> '
            "(opens in a new tab)",
            reverse("pages:preview", args=[page.pk]),
        )

    def view_on_site(self, page):
        return (
            page.get_absolute_url() if page.is_public else reverse("pages:preview", args=[page.pk])
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not obj.is_public:
            self.message_user(
                request,
                format_html(
                    '“{}” is a draft, so visitors cannot see it yet. <a href="{}">Preview it</a>.',
                    obj.title,
                    reverse("pages:preview", args=[obj.pk]),
                ),
                messages.INFO,
            )

    @admin.action(description="Publish the selected pages", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Page.Status.PUBLISHED, "published")

    @admin.action(
        description="Unpublish the selected pages (back to draft)", permissions=["change"]
    )
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Page.Status.DRAFT, "unpublished")

    def _set_status(self, request, queryset, status, done):
        changed = 0
        for page in queryset.exclude(status=status):
            page.status = status
            if status == Page.Status.PUBLISHED:
                try:
                    page.check_safe_messaging()
                except forms.ValidationError as error:
                    self.message_user(
                        request,
                        f"“{page.title}” was not published: {error.messages[0]}",
                        messages.ERROR,
                    )
                    continue
            page.save(update_fields=["status", "updated_at"])
            changed += 1
        self.message_user(
            request, ngettext("%d page %s.", "%d pages %s.", changed) % (changed, done)
        )


class MenuLinkAdminForm(forms.ModelForm):
    class Meta:
        model = MenuLink
        fields = ["menu", "label", "target", "page", "address", "order"]


@admin.register(MenuLink)
class MenuLinkAdmin(RevisionAdmin):
    form = MenuLinkAdminForm
    list_display = ["label", "menu", "leads_to", "order"]
    list_display_links = ["label"]
    list_filter = ["menu"]
    list_select_related = ["page"]
    autosave = False

    @admin.display(description="leads to")
    def leads_to(self, link):
        if link.target == MenuLink.Target.PAGE and link.page is not None:
            shown = "" if link.page.is_public else " (a draft: not shown until published)"
            return f"{link.page.title}{shown}"
        if link.target == MenuLink.Target.ADDRESS:
            return link.address
        return link.get_target_display()
