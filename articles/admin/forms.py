"""The article's change form: the fields staff fill in, the clinical reviewer, sources and
the hero image kept across a form that comes back with an error."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.functional import lazy

from articles.models import (
    KEPT_HERO_IMAGES,
    Article,
)
from editing import kept_uploads, safe_messaging
from editing.admin_widgets import writing_widgets
from therapists.models import Therapist

# About how many characters of a page's title search engines show in their results.
SEARCH_TITLE_SHOWN = 65

# Shown under the body field: how to write Markdown here, and how to place a picture.
markdown_help = lazy(render_to_string, str)("admin/articles/markdown_help.html")


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
            "review_note",
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
        widgets = writing_widgets(
            cta_heading=forms.TextInput(attrs={"class": "vLargeTextField"}),
            cta_text=forms.Textarea(attrs={"rows": 5, "cols": 90}),
        )
        help_texts = {
            "body": markdown_help,
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

    # The person saving (set by ArticleAdmin.get_form): a review they record for a reviewer
    # who is not them needs a note.
    current_user = None

    def clean(self):
        cleaned = super().clean()
        self._check_review(cleaned)
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

    def _check_review(self, cleaned):
        ticking = cleaned.get("reviewed_whole_article")
        reviewer, author = cleaned.get("reviewer"), cleaned.get("author")
        if ticking and not reviewer:
            self.add_error("reviewer", "Choose the clinical reviewer who reviewed the article.")
        elif ticking and author is not None and reviewer.pk == author.pk:
            self.add_error(
                "reviewer",
                "The clinical reviewer is someone other than the author: choose another "
                "therapist to read it.",
            )
        elif ticking and not (cleaned.get("review_note") or "").strip():
            own = self.current_user is not None and reviewer.staff_user_id == self.current_user.pk
            if not own:
                self.add_error(
                    "review_note",
                    f"You are recording this review for {reviewer.name}: say how they gave it "
                    "(e.g. “Read on 3 May, approved by email”).",
                )
        if cleaned.get("status") != Article.Status.PUBLISHED or ticking or self.errors:
            return
        was_live = self.instance.pk and self.initial.get("status") == Article.Status.PUBLISHED
        stored = self.instance.reviewed_body_sha256
        if was_live and not (stored and "body" in self.changed_data):
            return  # already published, body unchanged (or never signed off: from before)
        signed = "" if "reviewer" in self.changed_data else stored
        probe = Article(
            body=cleaned.get("body", ""), reviewer=reviewer, author=author,
            reviewed_body_sha256=signed,
        )  # fmt: skip
        try:
            probe.check_sign_off()
        except ValidationError as error:
            self.add_error(None, error)

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
