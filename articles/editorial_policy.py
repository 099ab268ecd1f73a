"""The editorial policy page (/editorial-policy/): one text staff edit, and the default they
start from. Its model is re-exported by articles.models, where Django looks for it."""

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse

from core.content import ContentModel


def default_editorial_policy():
    """The editorial policy's text until staff write their own (Markdown, from a template); what
    it says of clinical review follows CLINICAL_REVIEW_REQUIRED."""
    return (
        render_to_string(
            "articles/editorial_policy_default.md",
            {
                "months": settings.ARTICLE_REVIEW_MONTHS,
                "practice": settings.PRACTICE["name"],
                "report": reverse("enquiries:report_problem"),
                "review_required": settings.CLINICAL_REVIEW_REQUIRED,
            },
        ).strip()
        + "\n"
    )


class EditorialPolicy(ContentModel, models.Model):
    """The editorial policy page (/editorial-policy/): one text, edited by staff."""

    body = models.TextField(
        help_text="Markdown: how articles are written and reviewed, that the site has no "
        "advertising or tracking, and how to report a problem."
    )
    body_html = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField("last changed", auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "editorial policy"
        verbose_name_plural = "editorial policy"

    def __str__(self):
        return "Editorial policy"

    def get_absolute_url(self):
        return reverse("editorial:policy")
