"""The article list's actions: publish and unpublish the selected articles."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import ngettext

from articles.models import (
    Article,
)


def when(moment):
    """A date and time as the editor reads it, in the practice's time zone."""
    return date_format(timezone.localtime(moment), "j F Y, H:i")


class PublishActions:
    """The list's publish and unpublish actions, mixed into ArticleAdmin."""

    @admin.action(description="Publish the selected articles", permissions=["change"])
    def publish(self, request, queryset):
        now = timezone.now()
        live = scheduled = redated = 0
        unsafe, unsigned = [], []
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
            try:
                article.check_sign_off()
            except ValidationError:
                unsigned.append(article.title)
                continue
            article.save()  # save(), not update(): signals (e.g. cache invalidation) must fire
            if article.publish_at > now:
                scheduled += 1
                note = f"Published, to appear on {when(article.publish_at)}."
            elif dated_now:
                live += 1
                redated += 1
                note = f"Published; publish date set to {when(now)}"
                # Started in the same minute, the old date reads the same: not repeated.
                note += "." if when(started) == when(now) else f" (it was {when(started)})."
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
                % {"count": redated, "when": when(now)},
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
        if unsigned:
            self.message_user(
                request,
                "Not published, as their clinical reviewer has not signed off the text as it is "
                "now: "
                + ", ".join(f"“{title}”" for title in unsigned)
                + ". Ask a therapist other than the author to read each one and tick “I have "
                "reviewed the whole article”.",
                messages.ERROR,
            )
        if not live and not scheduled and not unsafe and not unsigned:
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
