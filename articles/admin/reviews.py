"""Reviews due and the editorial policy page."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import F
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html

from articles.models import (
    Article,
    EditorialPolicy,
    ReviewDue,
    default_editorial_policy,
)
from editing.admin_lists import ChecklistAdmin
from editing.markdown_admin import MarkdownAdmin


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
class EditorialPolicyAdmin(MarkdownAdmin, admin.ModelAdmin):
    """One page: the list opens it (or a new one, started from the default text). Its body has
    the Markdown fields' paste and Checks panel (editing/markdown_admin.py)."""

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
