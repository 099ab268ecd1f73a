import os
import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext

from articles.importers import wxr
from articles.models import (
    FILE_NAME_ALT,
    KEPT_HERO_IMAGES,
    Article,
    ArticleImage,
    EditorialPolicy,
    ReviewDue,
    Source,
    Topic,
    alt_is_a_file_name,
    default_editorial_policy,
)
from core import dates, safe_messaging
from editing import kept_uploads
from editing.admin_lists import ChecklistAdmin
from editing.pasted import PastedTextAdmin
from editing.revisions import RevisionAdmin
from therapists.models import Therapist

MARKDOWN_HELP = """
<p>Formatting with Markdown:</p>
<ul class="markdown-help">
  <li><code>## A heading</code> and <code>### A smaller heading</code>
      (the title is the page's main heading, so start at <code>##</code>)</li>
  <li>A blank line starts a new paragraph</li>
  <li><code>**bold**</code> and <code>*italic*</code></li>
  <li><code>[link text](https://example.com)</code></li>
  <li><code>- item</code> for a bulleted list, <code>1. item</code> for a numbered list, one item
      a line (a list can start right under a line of text); indent an item by two spaces to put
      it under the one above</li>
  <li><code>text[^1]</code> for a footnote, with <code>[^1]: the note</code> on a line of its own</li>
  <li><code>&gt; a quotation</code></li>
</ul>
<p>The picture at the top goes under “Image”. To place a picture in the text, add it under
Articles › Images for articles and copy the line it shows, such
as <code>![Two chairs by a window](image:42)</code>, onto a line of its own. Pictures from other
sites, HTML, scripts and embedded media (video, frames) are removed for safety.</p>
"""


IMPORT_SESSION_KEY = "articles:wxr-import"

# About how many characters of a page's title search engines show in their results.
SEARCH_TITLE_SHOWN = 65


def _when(moment):
    """A date and time as the editor reads it, in the practice's time zone."""
    return date_format(timezone.localtime(moment), "j F Y, H:i")


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


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}, {obj.title}"


class ArticleAdminForm(forms.ModelForm):
    reviewer = ReviewerChoiceField(
        label="Clinical reviewer",
        queryset=Therapist.objects.listed(),
        required=False,
        help_text=Article._meta.get_field("reviewer").help_text,
    )
    reviewed_whole_article = forms.BooleanField(
        label="I have reviewed the whole article",
        required=False,
        help_text="Tick only after reading all of it, as the clinical reviewer named above: "
        "saving then records today as its last review and sets the next one. Any other edit, "
        "however small, is not a review.",
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "status",
            "publish_at",
            "show_support_box",
            "author",
            "reviewer",
            "next_review_due",
            "topics",
            "modalities",
            "hero_image",
            "hero_image_alt",
            "cta_heading",
            "cta_text",
            "seo_title",
            "seo_description",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "slug": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "body": forms.Textarea(attrs={"rows": 28, "cols": 90}),
            "summary": forms.Textarea(attrs={"rows": 3, "cols": 90}),
            "cta_heading": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "cta_text": forms.Textarea(attrs={"rows": 5, "cols": 90}),
        }
        help_texts = {
            "body": MARKDOWN_HELP,
            "title": f"Up to {Article._meta.get_field('title').max_length} characters. Search "
            f"engines show about the first {SEARCH_TITLE_SHOWN}: keep it short, or add a "
            "shorter search title under “Search engines”.",
        }
        error_messages = {
            "slug": {
                "unique": "Another article already uses this address. Choose a different slug."
            }
        }

    hero_image_kept = forms.CharField(required=False, widget=forms.HiddenInput)
    kept_path = None
    kept_token = None
    kept_lost = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.add_prefix("hero_image")
        token = self.data.get(self.add_prefix("hero_image_kept")) if self.is_bound else None
        if token and not self.files.get(field):
            kept = kept_uploads.reattach(token, KEPT_HERO_IMAGES)
            self.kept_lost = kept is None
            if kept is not None:
                self.files = self.files.copy()
                self.files[field], self.kept_path = kept
                self.kept_token = token

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reviewed_whole_article") and not cleaned.get("reviewer"):
            self.add_error("reviewer", "Choose the clinical reviewer who reviewed the article.")
        if self.kept_lost and not cleaned.get("hero_image"):
            self.add_error(
                "hero_image",
                "The image chosen before the last error is no longer kept (images are kept for "
                f"{settings.KEPT_UPLOADS_MAX_AGE_HOURS} hours). Choose it again.",
            )
        # A description is never stored for an image that is not there (e.g. the image chosen
        # before a form error, which the browser has forgotten).
        if (cleaned.get("hero_image_alt") or "").strip() and not cleaned.get("hero_image"):
            self.add_error(
                "hero_image",
                "There is an image description but no image. Choose the image (again), or "
                "empty the description.",
            )
        return cleaned

    def full_clean(self):
        super().full_clean()
        field = self.add_prefix("hero_image")
        upload = self.files.get(field)
        if upload is None or not self._errors or "hero_image" in self._errors:
            return
        # Browsers never keep a chosen file when a form comes back with an error: the image is
        # kept here (editing/kept_uploads.py) and attached again to the next save.
        if self.kept_path is None:
            self.kept_path, token = kept_uploads.keep(upload, KEPT_HERO_IMAGES)
        else:
            # The first token again: the link must not outlive the file, which
            # prune_kept_uploads deletes by its age since it was first kept.
            token = self.kept_token
        self.data = self.data.copy()
        self.data[self.add_prefix("hero_image_kept")] = token
        note = (
            f"Kept: {upload.name} — it will be saved with the article; choose another image "
            "to replace it."
        )
        self.fields["hero_image"].help_text = note
        self["hero_image"].help_text = note  # the bound field copied the old one
        self.cleaned_data.pop("hero_image", None)

    def _post_clean(self):
        super()._post_clean()
        # The model refuses to publish an unsafe article; say which phrases to reword too.
        if "show_support_box" in self.errors:
            found = safe_messaging.phrases_to_avoid(self.cleaned_data.get("body", ""))
            if found:
                self.add_error(
                    "show_support_box",
                    ValidationError(
                        "Also reword: "
                        + "; ".join(f"“{words}”: write {better}" for words, better in found)
                        + "."
                    ),
                )


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


class ImportForm(forms.Form):
    file = forms.FileField(
        required=False,
        label="Export file",
        help_text="The .xml file from Squarespace: Settings › Import & Export › Export › "
        f"WordPress. Up to {wxr.MAX_FILE_BYTES // 2**20} MB.",
    )
    allow_hosts = forms.CharField(
        required=False,
        label="Other image hosts",
        help_text="Optional: hosts to fetch images from besides Squarespace's, separated by "
        "spaces (e.g. images.example.org or a host:port).",
    )
    authors = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Optional: one line per author, email=therapist-slug, e.g. "
        "amelia@example.org=amelia-hart. Otherwise a therapist with the author's name is used.",
    )
    update = forms.BooleanField(
        required=False,
        help_text="Refresh articles imported before from this file (never those edited since).",
    )

    def options(self, dry_run, file_name=""):
        authors = {}
        for line in self.cleaned_data["authors"].splitlines():
            email, _, slug = line.partition("=")
            if email.strip() and slug.strip():
                authors[email.strip().lower()] = slug.strip()
        return wxr.Options(
            dry_run=dry_run,
            update=self.cleaned_data["update"],
            allow_hosts=tuple(self.cleaned_data["allow_hosts"].lower().split()),
            authors=authors,
            file_name=file_name,
        )


@admin.register(Article)
class ArticleAdmin(PastedTextAdmin, RevisionAdmin):
    markdown_fields = ["body"]
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
        "last_reviewed",
        "first_published_at",
        "reading_time",
        "created_at",
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
                    "reviewer",
                    "last_reviewed",
                    "next_review_due",
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
            {"fields": ["first_published_at", "reading_time", "created_at", "updated_at"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("reviewed_whole_article"):
            # The editor may set a sooner next review in the same save; otherwise the setting.
            next_due = obj.next_review_due if "next_review_due" in form.changed_data else None
            obj.record_review(today=dates.today(), next_due=next_due)
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
            self.message_user(
                request,
                f"“{obj.title}” is published now; its publish date was set to "
                f"{_when(obj.publish_at)} (it was {_when(started)}). To keep an earlier date, "
                "set it under Publishing and save again.",
                messages.INFO,
            )
        if obj.is_public:
            return
        if obj.status == Article.Status.DRAFT and obj.publish_at > timezone.now():
            state = (
                f"is a draft, so visitors cannot see it; its publish date "
                f"({_when(obj.publish_at)}) has no effect until you publish it, and then it "
                "appears at that date"
            )
        elif obj.status == Article.Status.DRAFT:
            state = "is a draft, so visitors cannot see it yet"
        else:
            state = f"is scheduled: it appears on the site by itself on {_when(obj.publish_at)}"
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

    def import_view(self, request):
        """Superusers import a Squarespace export: upload, read the dry run's report, confirm."""
        if not request.user.is_superuser:
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import from Squarespace",
            "form": form,
        }
        status = 200
        if request.method == "POST" and form.is_valid():
            try:
                context.update(self._import_step(request, form))
            except wxr.WXRError as error:
                context["error"] = str(error)
                status = 400
        elif request.method == "POST":
            status = 400
        return TemplateResponse(
            request, "admin/articles/article/import.html", context, status=status
        )

    def _import_step(self, request, form):
        upload = form.cleaned_data.get("file")
        if "confirm" in request.POST:
            pending = request.session.get(IMPORT_SESSION_KEY)
            if not pending or not Path(pending["path"]).is_file():
                raise wxr.WXRError("The checked file is no longer here: upload it again.")
            path = Path(pending["path"])
            try:
                data = path.read_bytes()
                report = wxr.run_import(data, form.options(False, pending["name"]))
            finally:
                path.unlink(missing_ok=True)
                del request.session[IMPORT_SESSION_KEY]
            return {"report": report, "done": True}
        if upload is None:
            raise wxr.WXRError("Choose the export file.")
        if upload.size > wxr.MAX_FILE_BYTES:
            raise wxr.WXRError(
                f"The file is larger than {wxr.MAX_FILE_BYTES // 2**20} MB; use the import_wxr "
                "command on the server."
            )
        data = upload.read()
        report = wxr.run_import(data, form.options(True, upload.name))
        # Kept outside MEDIA_ROOT until confirmed (or replaced by the next upload).
        previous = request.session.get(IMPORT_SESSION_KEY)
        if previous:
            Path(previous["path"]).unlink(missing_ok=True)
        handle, name = tempfile.mkstemp(prefix="wxr-", suffix=".xml")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        request.session[IMPORT_SESSION_KEY] = {"path": name, "name": upload.name[:100]}
        return {"report": report, "done": False}

    # Preview of the form as typed (never saved).

    def typed_preview_view(self, request, object_id):
        """The article as the form holds it now, in a new tab: a POST of the change form that
        is never saved (and never cached); staff who may view the article only."""
        from django.contrib.admin.utils import unquote
        from django.core.exceptions import PermissionDenied
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
        never published: the first saved version (editing/revisions.py) says who started it."""
        if super().has_delete_permission(request, obj):
            return True
        if obj is None or obj.status != Article.Status.DRAFT or obj.first_published_at:
            return False
        if not self.has_change_permission(request, obj):
            return False
        from reversion.models import Version

        first = Version.objects.get_for_object(obj).select_related("revision").last()
        return first is not None and first.revision.user_id == request.user.pk

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
        return format_html('{} · <a href="{}">Preview</a>', label, preview)

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

    @admin.action(description="Publish the selected articles", permissions=["change"])
    def publish(self, request, queryset):
        now = timezone.now()
        live = scheduled = redated = 0
        unsafe = []
        queryset, changed = self.changed_since_list_loaded(request, queryset)
        self.report_skipped(request, changed)
        for article in queryset.filter(status=Article.Status.DRAFT):
            started = article.publish_at
            dated_now = article.publish(now)
            try:
                article.check_safe_messaging()
            except ValidationError:
                unsafe.append(article.title)
                continue
            article.save()  # save(), not update(): signals (e.g. cache invalidation) must fire
            if article.publish_at > now:
                scheduled += 1
                note = f"Published, to appear on {_when(article.publish_at)}."
            elif dated_now:
                live += 1
                redated += 1
                note = f"Published; publish date set to {_when(now)} (it was {_when(started)})."
            else:
                live += 1
                note = "Published."
            self.log_change(request, article, note)  # the article's History: who, and when
        if live:
            self.message_user(
                request,
                ngettext("%d article is now published.", "%d articles are now published.", live)
                % live,
                messages.SUCCESS,
            )
        if scheduled:
            self.message_user(
                request,
                ngettext(
                    "%d article is scheduled: it appears at its publish date.",
                    "%d articles are scheduled: they appear at their publish dates.",
                    scheduled,
                )
                % scheduled,
                messages.SUCCESS,
            )
        if redated:
            self.message_user(
                request,
                ngettext(
                    "Published now; the publish date of %(count)d article was set to %(when)s.",
                    "Published now; the publish dates of %(count)d articles were set to %(when)s.",
                    redated,
                )
                % {"count": redated, "when": _when(now)},
                messages.INFO,
            )
        if unsafe:
            self.message_user(
                request,
                "Not published, as they mention suicide or self-harm without the support box: "
                + ", ".join(f"“{title}”" for title in unsafe)
                + ". Open each one, read its safe messaging panel and switch the box on.",
                messages.ERROR,
            )
        elif not live and not scheduled:
            self.message_user(request, "The selected articles were already published.")

    @admin.action(
        description="Unpublish the selected articles (back to draft)", permissions=["change"]
    )
    def unpublish(self, request, queryset):
        count = 0
        queryset, changed = self.changed_since_list_loaded(request, queryset)
        self.report_skipped(request, changed)
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.unpublish()
            article.save()
            self.log_change(request, article, "Unpublished (back to draft).")
            count += 1
        if count:
            self.message_user(
                request,
                ngettext(
                    "%d article is now a draft, hidden from visitors.",
                    "%d articles are now drafts, hidden from visitors.",
                    count,
                )
                % count,
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "The selected articles were already drafts.")


class ArticleImageForm(forms.ModelForm):
    class Meta:
        model = ArticleImage
        fields = ["image", "alt", "caption", "credit"]
        widgets = {"alt": forms.TextInput(attrs={"class": "vLargeTextField"})}

    def clean_alt(self):
        alt = self.cleaned_data["alt"].strip()
        if alt_is_a_file_name(alt):
            raise forms.ValidationError(
                "This is a file name. Describe what the image shows, for people who cannot see it."
            )
        return alt


class AltToWriteFilter(admin.SimpleListFilter):
    title = "description"
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("to-write", "To write (a file name)")]

    def queryset(self, request, queryset):
        if self.value() == "to-write":
            return queryset.alt_to_write()
        return queryset


@admin.register(ArticleImage)
class ArticleImageAdmin(admin.ModelAdmin):
    """Pictures to place in articles' text: upload once, describe, then copy the line shown."""

    form = ArticleImageForm
    list_display = ["thumbnail", "alt", "alt_to_write", "caption", "to_type", "created_at"]
    list_display_links = ["thumbnail", "alt"]
    list_filter = [AltToWriteFilter]
    search_fields = ["alt", "caption", "credit"]
    readonly_fields = ["thumbnail", "to_type", "used_in"]
    fields = ["image", "thumbnail", "alt", "caption", "credit", "to_type", "used_in"]
    delete_confirmation_template = "admin/articles/articleimage/delete_confirmation.html"

    def get_actions(self, request):
        # One at a time, through the page that warns when a published article shows the image.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description="image")
    def thumbnail(self, image):
        if not image.image_480:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="120" height="{}">',
            image.image_480.url,
            round(120 * (image.height_480 or 1) / (image.width_480 or 1)),
        )

    @admin.display(description="description to write", boolean=True)
    def alt_to_write(self, image):
        return image.alt_needs_writing

    @admin.display(description="type this in an article")
    def to_type(self, image):
        if image.pk is None:
            return "Save the image first."
        return format_html("<code>{}</code>", image.markdown)

    @admin.display(description="used in")
    def used_in(self, image):
        if image.pk is None:
            return "—"
        articles = list(image.articles_using().only("pk", "title", "status"))
        if not articles:
            return "No article yet."
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:articles_article_change", args=[a.pk]), a.title) for a in articles),
        )

    def delete_view(self, request, object_id, extra_context=None):
        image = self.get_object(request, object_id)
        published = []
        if image is not None:
            published = list(image.articles_using().filter(status=Article.Status.PUBLISHED))
        extra_context = {**(extra_context or {}), "published_articles": published}
        return super().delete_view(request, object_id, extra_context)


@admin.register(ReviewDue)
class ReviewDueAdmin(ChecklistAdmin):
    """Published articles never reviewed, overdue (first) or due within a month. A review is
    recorded on the article's own page, by its reviewer ticking "I have reviewed the whole
    article"."""

    concrete = Article
    list_display = ["article", "due", "reviewer", "last_reviewed"]
    list_select_related = ["reviewer"]

    def get_queryset(self, request):
        return ReviewDue.objects.reviews_due()

    def get_ordering(self, request):
        return [F("next_review_due").asc(nulls_first=True), "title"]

    def index_count(self, request):
        return ReviewDue.objects.reviews_needed_now().count()

    @admin.display(description="article", ordering="title")
    def article(self, article):
        url = reverse("admin:articles_article_change", args=[article.pk])
        return format_html('<a href="{}">{}</a>', url, article.title)

    @admin.display(description="review", ordering="next_review_due")
    def due(self, article):
        if article.last_reviewed is None or article.next_review_due is None:
            return format_html("<strong>{}</strong>", "Never reviewed")
        when = date_format(article.next_review_due)
        if article.review_overdue:
            return format_html("<strong>Overdue since {}</strong>", when)
        return f"Due on {when}"


@admin.register(EditorialPolicy)
class EditorialPolicyAdmin(admin.ModelAdmin):
    """One page: the list opens it (or a new one, started from the default text)."""

    fields = ["body", "updated_at"]
    readonly_fields = ["updated_at"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 30})}}

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not EditorialPolicy.objects.exists()

    def get_changeform_initial_data(self, request):
        return {"body": default_editorial_policy()}

    def changelist_view(self, request, extra_context=None):
        policy = EditorialPolicy.objects.first()
        if policy is not None:
            return HttpResponseRedirect(
                reverse("admin:articles_editorialpolicy_change", args=[policy.pk])
            )
        if self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:articles_editorialpolicy_add"))
        return super().changelist_view(request, extra_context)
