"""The image library: pictures to place in articles' text."""

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from articles.image_library import ArticleImage, alt_is_a_file_name
from articles.models import Article
from editing.admin_widgets import PrivateOriginalFileInput


class ArticleImageForm(forms.ModelForm):
    class Meta:
        model = ArticleImage
        fields = ["image", "alt", "caption", "credit"]
        widgets = {"alt": forms.TextInput(attrs={"class": "vLargeTextField"})}
        # Beside "Preview" (the resized copy): this row is the uploaded file itself.
        labels = {"image": "Image file"}

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
    # Four columns: with the admin's menu and the filter open, a list has about 630 px at 1280 px
    # wide. A description still to write is said in words under the description (the filter
    # finds them all); the caption is on the image's page.
    list_display = ["thumbnail", "description", "to_type", "added"]
    list_display_links = ["thumbnail", "description"]
    list_filter = [AltToWriteFilter]
    search_fields = ["alt", "caption", "credit"]
    readonly_fields = ["preview", "to_type", "used_in"]
    # The resized copy first: the file box below it says the original is kept private.
    fields = ["preview", "image", "alt", "caption", "credit", "to_type", "used_in"]
    # Originals are private (nginx refuses their folder): no link to one, only its name.
    formfield_overrides = {models.ImageField: {"widget": PrivateOriginalFileInput}}
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
            '<img src="{}" alt="{}" width="120" height="{}">',
            image.image_480.url,
            # The link around it is named by the picture: its description, or its number.
            image.alt or f"Image {image.pk} (no description yet)",
            round(120 * (image.height_480 or 1) / (image.width_480 or 1)),
        )

    @admin.display(description="preview")
    def preview(self, image):
        return self.thumbnail(image)

    @admin.display(description="description", ordering="alt")
    def description(self, image):
        if image.alt_needs_writing:
            return format_html("{}<br>(a file name: write a description)", image.alt)
        return image.alt

    @admin.display(description="added", ordering="created_at")
    def added(self, image):
        return date_format(timezone.localtime(image.created_at), "j M Y")

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
