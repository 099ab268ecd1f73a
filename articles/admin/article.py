"""Articles and topics in the admin: the change form's extras (safe messaging, preview links,
who may delete a draft) and what a save tells the editor."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from articles.admin.actions import PublishActions, when
from articles.admin.forms import SEARCH_TITLE_SHOWN, ArticleAdminForm
from articles.admin.importing import ImportViews
from articles.models import (
    FILE_NAME_ALT,
    Article,
    Source,
    Topic,
)
from core import dates
from editing import kept_uploads, safe_messaging
from editing.revisions import RevisionAdmin


@admin.register(Topic)
class TopicAdmin(RevisionAdmin):
    restore_keeps = ["slug"]
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=models.Count("articles"))

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, topic):
        return topic.article_total


class SourceInline(admin.StackedInline):
    model = Source
    extra = 1
    fields = ["title", "publisher", "url", "year", "order"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    verbose_name_plural = "sources (listed under the article, for readers to check)"


class HeroAltToWriteFilter(admin.SimpleListFilter):
    """Imported articles whose top image kept a file name as its description."""

    title = "image description"
    parameter_name = "hero_alt"

    def lookups(self, request, model_admin):
        return [("to-write", "To write (a file name)")]

    def queryset(self, request, queryset):
        if self.value() == "to-write":
            return queryset.filter(hero_image_alt__iregex=FILE_NAME_ALT.removeprefix("(?i)"))
        return queryset


@admin.register(Article)
class ArticleAdmin(ImportViews, PublishActions, RevisionAdmin):
    # A restore never publishes, unpublishes, moves or re-images an article (editing/revisions.py).
    restore_keeps = ["slug", "status", "publish_at", "hero_image", "hero_image_alt"]
    form = ArticleAdminForm
    change_list_template = "admin/articles/article/change_list.html"
    # "On the site" says Live, Scheduled or Draft: one word per article, never "Published"
    # beside "Scheduled" (the status stays a filter).
    list_display = ["title", "visibility", "publish_at", "author"]
    list_display_links = ["title"]
    list_filter = ["status", "topics", "author", "modalities", HeroAltToWriteFilter]
    list_select_related = ["author"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics", "modalities"]
    inlines = [SourceInline]
    readonly_fields = [
        "current_hero_image",
        "preview_link",
        "safe_messaging",
        "sign_off",
        "last_reviewed",
        "first_published_at",
        "reading_time",
        "created_at",
        "created_by",
        "updated_at",
    ]
    actions = ["publish", "unpublish"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "publish_at",
                    "author",
                    "preview_link",
                    "safe_messaging",
                    "show_support_box",
                ],
                "description": "A published article appears on the site at its publish date; "
                "a date in the future schedules it. Drafts are never shown to visitors. "
                "Publishing a draft that has never been on the site dates it today; an article "
                "unpublished and published again keeps its date.",
            },
        ),
        (
            "Clinical review",
            {
                "fields": [
                    "sign_off",
                    "reviewer",
                    "last_reviewed",
                    "next_review_due",
                    "review_note",
                    "reviewed_whole_article",
                ],
                "description": "The article shows who reviewed it and when, and when its next "
                "review is due. A review is recorded only by ticking the box below.",
            },
        ),
        ("Topics and approaches", {"fields": ["topics", "modalities"]}),
        (
            "Image",
            {
                "fields": ["current_hero_image", "hero_image", "hero_image_kept", "hero_image_alt"],
                "classes": ["collapse"],
            },
        ),
        (
            "Closing box",
            {
                "fields": ["cta_heading", "cta_text"],
                "classes": ["collapse"],
                "description": "The box after the article, with a button to the therapists. "
                "Optional: leave empty for the usual heading and words.",
            },
        ),
        (
            "Search engines",
            {
                "fields": ["seo_title", "seo_description"],
                "classes": ["collapse"],
                "description": "Optional. Leave empty to use the title and summary.",
            },
        ),
        (
            "Details",
            {
                "fields": [
                    "first_published_at",
                    "reading_time",
                    "created_at",
                    "created_by",
                    "updated_at",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if form.cleaned_data.get("reviewed_whole_article"):
            # The editor may set a sooner next review in the same save; otherwise the setting.
            next_due = obj.next_review_due if "next_review_due" in form.changed_data else None
            obj.record_review(today=dates.today(), next_due=next_due)
            obj.review_recorded_by = request.user
        # A draft published now is dated now, not the day it was started, unless the editor
        # set the date in this same save (a deliberate backdate, or a schedule) or the article
        # has been on the site before (see _date_now_if_past).
        going_live = (
            change
            and form.initial.get("status") == Article.Status.DRAFT
            and obj.status == Article.Status.PUBLISHED
        )
        started = obj.publish_at
        redated = going_live and obj.publish(keep_date="publish_at" in form.changed_data)
        super().save_model(request, obj, form, change)
        kept_uploads.discard(getattr(form, "kept_path", None))  # saved as the article's own now
        shown_title = obj.seo_title or obj.title
        if len(shown_title) > SEARCH_TITLE_SHOWN:
            self.message_user(
                request,
                f"The title is {len(shown_title)} characters long; search engines show about "
                f"the first {SEARCH_TITLE_SHOWN} (“{shown_title[:SEARCH_TITLE_SHOWN]}…”). "
                "Add a shorter search title under “Search engines” if the end matters.",
                messages.WARNING,
            )
        if redated:
            said = f"“{obj.title}” is published now; its publish date was set to "
            said += when(obj.publish_at)
            # A draft started in the same minute: its old date reads the same, so is not repeated.
            if when(started) != when(obj.publish_at):
                said += (
                    f" (it was {when(started)}). To keep the earlier date, set it under "
                    "Publishing and save again"
                )
            self.message_user(request, f"{said}.", messages.INFO)
        if obj.is_public:
            return
        if obj.status == Article.Status.DRAFT and obj.publish_at > timezone.now():
            state = (
                f"is a draft, so visitors cannot see it; its publish date "
                f"({when(obj.publish_at)}) has no effect until you publish it, and then it "
                "appears at that date"
            )
        elif obj.status == Article.Status.DRAFT:
            state = "is a draft, so visitors cannot see it yet"
        else:
            state = f"is scheduled: it appears on the site by itself on {when(obj.publish_at)}"
        self.message_user(
            request,
            format_html(
                '“{}” {}. <a href="{}">Preview it</a>.',
                obj.title,
                state,
                reverse("articles:preview", args=[obj.pk]),
            ),
            messages.INFO,
        )

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        preview = self.admin_site.admin_view(self.typed_preview_view)
        return [
            path("import/", view, name="articles_article_import"),
            path("<path:object_id>/preview/", preview, name="articles_article_typed_preview"),
            *super().get_urls(),
        ]

    # Preview of the form as typed (never saved).

    def typed_preview_view(self, request, object_id):
        """The article as the form holds it now, in a new tab: a POST of the change form that
        is never saved (and never cached); staff who may view the article only."""
        from django.contrib.admin.utils import unquote
        from django.http import Http404, HttpResponseNotAllowed

        from articles.views import typed_preview_response

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        form = self.get_form(request, article, change=True)(
            request.POST, request.FILES, instance=article
        )
        form.is_valid()  # fills the article (in memory only) with every value that is valid
        return typed_preview_response(request, form.instance, form.errors)

    def has_delete_permission(self, request, obj=None):
        """Editors (who may not delete articles) may still delete their own drafts that were
        never published: `created_by` says who started it (kept when old revisions are
        pruned, unlike the first revision)."""
        if super().has_delete_permission(request, obj):
            return True
        if obj is None or obj.status != Article.Status.DRAFT or obj.first_published_at:
            return False
        if not self.has_change_permission(request, obj):
            return False
        return obj.created_by_id is not None and obj.created_by_id == request.user.pk

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.current_user = request.user  # a class made for this request
        return form

    @admin.display(description="clinical sign-off")
    def sign_off(self, article):
        """Whether the body as saved is signed off, and what publishing needs."""
        if not settings.CLINICAL_REVIEW_REQUIRED:
            return "Not required by this practice (CLINICAL_REVIEW_REQUIRED is off)."
        if article.pk and article.signed_off:
            recorded = article.review_recorded_by
            by = f" Recorded by {recorded.get_full_name() or recorded}." if recorded else ""
            note = f" Note: {article.review_note}" if article.review_note else ""
            return f"Signed off by {article.reviewer.name} on {article.last_reviewed}.{by}{note}"
        if article.reviewed_body_sha256:
            return (
                "The body has changed since its last sign-off: it needs a new one before it is "
                "published (a change to the title or summary does not)."
            )
        return (
            "Not signed off yet. It can be published only after a clinical reviewer (a "
            "therapist of the practice other than the author) has read it and ticked the box "
            "below."
        )

    def view_on_site(self, article):
        """Live articles open on the site; drafts and scheduled ones open in the preview."""
        if article.is_public:
            return article.get_absolute_url()
        return reverse("articles:preview", args=[article.pk])

    def construct_change_message(self, request, form, formsets, add=False):
        """The History says who reviewed the article (a review is a change like any other)."""
        message = super().construct_change_message(request, form, formsets, add)
        if form.cleaned_data.get("reviewed_whole_article"):
            tick = form.fields["reviewed_whole_article"].label
            for entry in message:
                fields = entry.get("changed", {}).get("fields", [])
                if tick in fields:
                    fields.remove(tick)
            reviewer = form.cleaned_data["reviewer"].name
            note = form.cleaned_data.get("review_note")
            if note:
                reviewer += f", recorded by {request.user.get_full_name() or request.user}: {note}"
            message = [entry for entry in message if entry.get("changed", {}).get("fields", 1)]
            message.append({"changed": {"fields": [f"clinical review (by {reviewer}, today)"]}})
        return message

    @admin.display(description="safe messaging")
    def safe_messaging(self, article):
        """The Samaritans' guidelines, applied to the saved text (save a draft to check it)."""
        if not article.pk:
            return "Save the article as a draft: its text is then checked here."
        if not safe_messaging.mentions_suicide_or_self_harm(article.body):
            return "The saved text does not mention suicide or self-harm."
        found = safe_messaging.phrases_to_avoid(article.body)
        phrases = (
            format_html(
                "<p>Phrases to reword:</p><ul>{}</ul>",
                format_html_join(
                    "", "<li>“{}”: write {}</li>", ((words, better) for words, better in found)
                ),
            )
            if found
            else format_html("<p>{}</p>", "No phrases to avoid were found.")
        )
        box = (
            "The support box is on."
            if article.show_support_box
            else "Switch on the support box below: the article cannot be published without it."
        )
        return format_html(
            '<div class="safe-messaging"><p><strong>This article mentions suicide or '
            "self-harm.</strong> Follow the Samaritans' media guidelines.</p>{}"
            "<ul>{}</ul><p><strong>{}</strong></p></div>",
            phrases,
            format_html_join("", "<li>{}</li>", ((line,) for line in safe_messaging.REMINDERS)),
            box,
        )

    @admin.display(description="on the site")
    def visibility(self, article):
        """Live (linking to the page), or Scheduled/Draft (linking to the preview)."""
        if article.state == "live":
            return format_html('<a href="{}">Live</a>', article.get_absolute_url())
        label = article.state.capitalize()
        preview = reverse("articles:preview", args=[article.pk])
        # A link beside words: underlined (admin-layout.css), not told apart by colour alone.
        return format_html('{} · <a class="text-link" href="{}">Preview</a>', label, preview)

    @admin.display(description="image as shown on the site")
    def current_hero_image(self, article):
        if not article.hero_image_display:
            return "No image."
        return format_html(
            '<img src="{}" alt="{}" width="300" class="admin-hero-image">',
            article.hero_image_display.url,
            article.hero_image_alt,
        )

    @admin.display(description="preview")
    def preview_link(self, article):
        if not article.pk:
            return "Save the article to preview it."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview this article</a>',
            reverse("articles:preview", args=[article.pk]),
        )
