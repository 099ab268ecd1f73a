import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

# The image library has a module of its own; its model and the names other modules use are
# imported here, so Django finds the model and `from articles.models import ...` keeps working.
from articles.editorial_policy import EditorialPolicy, default_editorial_policy  # noqa: F401
from articles.image_library import (  # noqa: F401
    FILE_NAME_ALT,
    LIBRARY_WIDTHS,
    ArticleImage,
    alt_is_a_file_name,
    resolve_library_image,
)
from core import dates, images, media_storage
from core.content import ContentModel
from core.markdown import reading_time_minutes
from therapists.models import Modality, Therapist

logger = logging.getLogger(__name__)

# The widest the hero image is shown (the article column, with room for high-density screens).
HERO_WIDTH = 1200


# A hero image chosen before a form error waits here (editing/kept_uploads.py); never served, like
# every file under articles/originals/.
KEPT_HERO_IMAGES = "articles/originals/pending/"
# An import's file between its two steps (articles/admin/importing.py), private like the above;
# one never confirmed is pruned with the kept uploads.
PENDING_IMPORTS = "articles/originals/imports/"


class TopicQuerySet(models.QuerySet):
    def with_published_articles(self, or_slug=None):
        """Topics that have a published article (to browse by), in one query.

        With `or_slug`, that topic too even if it has none yet; each topic is annotated with
        `has_published`.
        """
        has_published = Exists(Article.objects.published().filter(topics=OuterRef("pk")).order_by())
        condition = Q(has_published=True)
        if or_slug is not None:
            condition |= Q(slug=or_slug)
        return self.annotate(has_published=has_published).filter(condition)


class Topic(ContentModel, models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The last part of the topic page's address: lower-case words joined by hyphens. "
        "If you change it, the old address keeps leading to the topic's page.",
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional: a sentence or two shown at the top of the topic's page.",
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles visitors may see: published, and due. Every public page starts here."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())

    def scheduled(self):
        """Published articles not yet due: they appear by themselves at their publish time."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())

    def next_publish_time(self):
        """When the soonest scheduled article appears, or None."""
        return self.scheduled().order_by("publish_at").values_list("publish_at", flat=True).first()

    def review_overdue(self, today=None):
        """Articles past their review date: their page tells visitors so."""
        return self.filter(next_review_due__lt=today or dates.today())

    def reviews_due(self, within_days=30):
        """Published articles (live or scheduled) never reviewed, past their review date or due
        within `within_days`: the admin's "Reviews due"."""
        soon = dates.today() + timedelta(days=within_days)
        return self.filter(status=Article.Status.PUBLISHED).filter(
            Q(last_reviewed__isnull=True)
            | Q(next_review_due__isnull=True)
            | Q(next_review_due__lte=soon)
        )

    def reviews_needed_now(self):
        """Of those, the ones needing a review today: never reviewed, or overdue."""
        return self.filter(status=Article.Status.PUBLISHED).filter(
            Q(last_reviewed__isnull=True)
            | Q(next_review_due__isnull=True)
            | Q(next_review_due__lt=dates.today())
        )

    def next_review_overdue_time(self):
        """When the soonest published article passes its review date (its page then shows the
        "due for review" note), or None."""
        due = (
            self.published()
            .filter(next_review_due__gte=dates.today())
            .order_by("next_review_due")
            .values_list("next_review_due", flat=True)
            .first()
        )
        return dates.start_of(due + timedelta(days=1)) if due else None

    def next_change(self):
        """The soonest moment an article page changes by itself: a scheduled article appears,
        or a review date passes. For the page cache."""
        moments = [self.next_publish_time(), self.next_review_overdue_time()]
        moments = [moment for moment in moments if moment is not None]
        return min(moments) if moments else None

    def with_listed_author(self):
        """Join the author, and mark whether the public may see them (`author_is_listed`)."""
        return self.select_related("author").annotate(
            author_is_listed=Exists(Therapist.objects.listed().filter(pk=OuterRef("author_id")))
        )

    def with_listed_reviewer(self):
        """Join the clinical reviewer, marked `reviewer_is_listed` as the author is."""
        return self.select_related("reviewer").annotate(
            reviewer_is_listed=Exists(Therapist.objects.listed().filter(pk=OuterRef("reviewer_id")))
        )

    def related_to(self, article, limit=3, exclude=(), topics=None, modalities=None):
        """Up to `limit` published articles sharing a topic or a modality with `article`.

        `exclude` leaves out articles already linked nearby (e.g. previous and next). Pass the
        article's `topics` and `modalities` when they are already loaded: the query then looks
        them up by id instead of in two more subqueries.
        """
        topic_links = Article.topics.through.objects
        modality_links = Article.modalities.through.objects
        if topics is None:
            topic_ids = topic_links.filter(article_id=article.pk).values("topic_id")
        else:
            topic_ids = [topic.pk for topic in topics]
        if modalities is None:
            modality_ids = modality_links.filter(article_id=article.pk).values("modality_id")
        else:
            modality_ids = [modality.pk for modality in modalities]
        # Correlated EXISTS, not IN: the newest published articles are checked one by one
        # against the link tables' indexes until `limit` match, whatever the number of articles.
        same_topic = topic_links.filter(article_id=OuterRef("pk"), topic_id__in=topic_ids)
        same_modality = modality_links.filter(
            article_id=OuterRef("pk"), modality_id__in=modality_ids
        )
        return (
            self.published()
            .filter(Exists(same_topic) | Exists(same_modality))
            .exclude(pk__in=[article.pk, *(other.pk for other in exclude if other)])
            .defer("body", "body_html")[:limit]
        )


class Article(ContentModel, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the article's address. If you change it once the article "
        "has been on the site, the old address keeps leading to it.",
    )
    summary = models.CharField(
        max_length=300,
        help_text="One or two sentences, shown in lists, feeds and search results.",
    )
    body = models.TextField(help_text="Markdown. See the formatting help beside this field.")
    body_html = models.TextField(blank=True, editable=False)
    reading_time = models.PositiveSmallIntegerField(default=1, editable=False)
    author = models.ForeignKey(
        Therapist,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        help_text="Optional: the therapist who wrote it.",
    )
    reviewer = models.ForeignKey(
        Therapist,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_articles",
        verbose_name="clinical reviewer",
        help_text="The therapist who checks the article is accurate and safe; not necessarily "
        "the author. Their name is shown with the date of their last review.",
    )
    last_reviewed = models.DateField(
        "last reviewed",
        null=True,
        blank=True,
        editable=False,
        help_text="Set only by ticking 'I have reviewed the whole article' and saving.",
    )
    reviewed_body_sha256 = models.CharField(
        "body as signed off",
        max_length=64,
        blank=True,
        editable=False,
        help_text="A fingerprint of the body as it was when the clinical reviewer signed it off: "
        "a later change to the body needs a new sign-off before it is published.",
    )
    review_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="review recorded by",
    )
    review_note = models.CharField(
        "note on the review",
        max_length=300,
        blank=True,
        help_text="When you record a review for the reviewer (not signed in as them): how they "
        "gave it, e.g. “Read by Dr Ada Field on 3 May, approved by email”.",
    )
    next_review_due = models.DateField(
        "next review due",
        null=True,
        blank=True,
        help_text="Filled in when the article is reviewed (a year later, unless the practice "
        "changed that); change it for a sooner review. Past this date the article tells "
        "visitors it is due for review.",
    )
    show_support_box = models.BooleanField(
        "support box",
        default=False,
        help_text="Show the crisis numbers (Samaritans, NHS 111, 999) straight after the text. "
        "Required to publish an article that mentions suicide or self-harm.",
    )
    hero_image = models.ImageField(
        # Never served: a private storage (deploy/nginx.conf answers 404 for this folder).
        upload_to="articles/originals/",
        storage=media_storage.originals,
        blank=True,
        validators=[images.validate_image],
        help_text="Optional: a wide image (JPEG, PNG or WebP) shown under the title, up to "
        f"{images.MAX_UPLOAD_BYTES // 2**20} MB. It is resized automatically; the original is "
        "never shown.",
    )
    hero_image_display = models.ImageField(
        upload_to="articles/display/",
        blank=True,
        editable=False,
        width_field="hero_image_width",
        height_field="hero_image_height",
    )
    hero_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_image_alt = models.CharField(
        "hero image description",
        max_length=200,
        blank=True,
        help_text="Describe the image for people who cannot see it. Required with an image.",
    )
    topics = models.ManyToManyField(Topic, related_name="articles", blank=True)
    modalities = models.ManyToManyField(
        Modality,
        related_name="articles",
        blank=True,
        help_text="The approaches this article is about; it is linked from their pages.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Drafts are seen only by staff (use Preview). Published articles appear on the "
        "site from their publish date.",
    )
    publish_at = models.DateTimeField(
        "publish date",
        default=timezone.now,
        help_text="A published article with a date in the future appears by itself at that time.",
    )
    # Set by save(), never by hand: see note_first_published(). The admin dates a draft "now"
    # when it is published only if this says visitors have never seen it.
    first_published_at = models.DateTimeField(
        "first on the site",
        null=True,
        blank=True,
        editable=False,
        help_text="When visitors could first read the article (for a scheduled article, when "
        "they will); empty if they never have. Filled in by itself. Because of it, an article "
        "that has been on the site keeps its publish date when it is unpublished and published "
        "again.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="started by",
        help_text="Who started the article in the admin. An editor may delete a draft they "
        "started that has never been on the site.",
    )
    cta_heading = models.CharField(
        "closing box heading",
        max_length=100,
        blank=True,
        help_text="Optional: the heading of the box after the article that invites readers to "
        "browse the therapists. Leave empty for “Ready to begin?”.",
    )
    cta_text = models.CharField(
        "closing box words",
        max_length=500,
        blank=True,
        help_text="Optional: the words in that box; a blank line starts a new paragraph. Leave "
        "empty for the usual sentence. Do not repeat them at the end of the article.",
    )
    seo_title = models.CharField(
        "search title",
        max_length=70,
        blank=True,
        help_text="Optional: a shorter title for search engines.",
    )
    seo_description = models.CharField(
        "search description",
        max_length=160,
        blank=True,
        help_text="Optional: replaces the summary in search results.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        indexes = [models.Index(fields=["status", "publish_at"])]
        permissions = [("import_blog", "Can import a blog (Squarespace or WordPress)")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.hero_image and not self.hero_image_alt.strip():
            raise ValidationError(
                {"hero_image_alt": "Describe the image for people who cannot see it."}
            )
        self.check_safe_messaging()

    def check_safe_messaging(self):
        """An article that mentions suicide or self-harm is published only with the support
        box on (editing.safe_messaging)."""
        from editing import safe_messaging

        if (
            self.status == self.Status.PUBLISHED
            and not self.show_support_box
            and safe_messaging.mentions_suicide_or_self_harm(self.body)
        ):
            raise ValidationError(
                {
                    "show_support_box": "This article mentions suicide or self-harm: switch on "
                    "the support box before publishing it. Read the safe messaging panel "
                    "under Publishing first."
                }
            )

    def note_first_published(self, now=None):
        """Keep `first_published_at`: the moment visitors could first read the article.

        Once that moment has passed it never changes, whatever happens to the article next.
        Until then it follows the article: a published one will first be seen at its publish
        date, or now if that date has passed; a draft (e.g. a scheduled article unpublished
        before its day) has not been seen at all.
        """
        now = now or timezone.now()
        if self.has_been_public(now):
            return
        if self.status == self.Status.PUBLISHED:
            self.first_published_at = max(self.publish_at, now)
        else:
            self.first_published_at = None

    def record_review(self, reviewer=None, today=None, next_due=None):
        """A clinical review of the whole article, today (the caller saves). Only the admin's
        "I have reviewed the whole article" calls this: an ordinary edit is not a review."""
        today = today or dates.today()
        if reviewer is not None:
            self.reviewer = reviewer
        self.last_reviewed = today
        self.next_review_due = next_due or dates.add_months(today, settings.ARTICLE_REVIEW_MONTHS)
        self.reviewed_body_sha256 = body_fingerprint(self.body)

    @property
    def signed_off(self):
        """True if a listed therapist other than the author signed off this very body."""
        return (
            self.reviewer_id is not None
            and self.reviewer_id != self.author_id
            and self.reviewed_body_sha256 == body_fingerprint(self.body)
            and Therapist.objects.listed().filter(pk=self.reviewer_id).exists()
        )

    def check_sign_off(self):
        """Publishing (now or scheduled) needs the clinical sign-off of this body, unless the
        practice switched it off (CLINICAL_REVIEW_REQUIRED)."""
        if settings.CLINICAL_REVIEW_REQUIRED and not self.signed_off:
            changed = bool(self.reviewed_body_sha256)
            raise ValidationError(
                {
                    "status": "The body has changed since its clinical sign-off: the reviewer "
                    "reads it again and ticks “I have reviewed the whole article” before it is "
                    "published. Or save it as a draft."
                    if changed
                    else "A clinical reviewer (a therapist of the practice other than the "
                    "author) signs the article off before it is published: they tick “I have "
                    "reviewed the whole article”. Or save it as a draft."
                }
            )

    @property
    def review_overdue(self):
        return self.next_review_due is not None and self.next_review_due < dates.today()

    def note_reading_time(self):
        self.reading_time = reading_time_minutes(self.body)

    def has_been_public(self, now=None):
        """True if visitors have been able to read the article, even if it is a draft again."""
        return self.first_published_at is not None and self.first_published_at <= (
            now or timezone.now()
        )

    def neighbours(self):
        """(previous, next): the published articles either side of this one, by publish date
        then id; None at either end. Drafts and scheduled articles never count.

        This article's date is the first condition, before published()'s "up to now": SQLite
        starts its walk of the (status, publish_at) index at the first bound it is given, and
        starting at "now" made the older link read every newer article (0.6 ms at 10,000)."""
        when, pk = self.publish_at, self.pk
        articles = Article.objects.only("title", "slug")
        older = articles.filter(publish_at__lte=when).published()
        newer = articles.filter(publish_at__gte=when).published()
        older = older.filter(Q(publish_at__lt=when) | Q(pk__lt=pk)).order_by("-publish_at", "-pk")
        newer = newer.filter(Q(publish_at__gt=when) | Q(pk__gt=pk)).order_by("publish_at", "pk")
        return older.first(), newer.first()

    @property
    def modified_at(self):
        """When the article last changed for its readers: its last save, or its publish date if
        that is later (an article saved ahead of time is new when it appears). The feed, the
        sitemap, the JSON-LD and the page's head all use this."""
        return max(self.updated_at, self.publish_at)

    def publish(self, now=None, keep_date=False):
        """Mark the article published (the caller saves it). A draft going live for the first
        time is dated `now` if its publish date has passed (the day its draft was started); a
        date in the future is kept, as a schedule, and so is the date of an article visitors
        have read before (unpublished for a correction, it is not new), or with `keep_date`
        (the editor set the date in this same change). True if the date changed."""
        now = now or timezone.now()
        self.status = self.Status.PUBLISHED
        if keep_date or self.publish_at > now or self.has_been_public(now):
            return False
        self.publish_at = now
        return True

    def unpublish(self):
        """Back to draft (the caller saves it): hidden from visitors, its dates kept."""
        self.status = self.Status.DRAFT

    @property
    def state(self):
        """ "live", "scheduled" or "draft": the one reading of `published()` for one article."""
        if self.status != self.Status.PUBLISHED:
            return "draft"
        return "live" if self.publish_at <= timezone.now() else "scheduled"

    @property
    def is_public(self):
        return self.state == "live"


class Source(models.Model):
    """A source an article draws on, listed under it and in its JSON-LD `citation`."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300, help_text="The title of the book, paper or page.")
    publisher = models.CharField(
        max_length=200, blank=True, help_text="Optional: who published it, e.g. NHS, NICE, Mind."
    )
    url = models.URLField("link", max_length=500, blank=True, help_text="Optional: its address.")
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Optional: the year it was published."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are shown first.")

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.title

    @property
    def after_title(self):
        """What the list shows after the title: ". NICE, 2011." (or just ".")."""
        details = ", ".join(str(part) for part in (self.publisher, self.year) if part)
        return f". {details}." if details else "."


class ReviewDue(Article):
    """A published article never reviewed, past its review date or due soon (an admin list)."""

    class Meta:
        proxy = True
        verbose_name = "review due"
        verbose_name_plural = "reviews due"


@receiver(post_delete, sender=Article)
def _delete_hero_files(sender, instance, **kwargs):
    """A deleted article's image files go too, once the deletion is committed: a signal, not
    `delete()`, so the admin's bulk "Delete selected" does it as well."""
    names = [instance.hero_image.name, instance.hero_image_display.name]
    images.delete_files_after_commit(instance, names, ["hero_image", "hero_image_display"])


class ImportedItem(models.Model):
    """An article brought from another site (a Squarespace export): where it came from, and
    what it looked like then, so that importing the same file again changes nothing and an
    article staff have edited since is never overwritten."""

    source = models.CharField(max_length=500, unique=True, help_text="The site and item id.")
    article = models.OneToOneField(
        Article, null=True, on_delete=models.SET_NULL, related_name="imported_from"
    )
    fingerprint = models.CharField(max_length=64)
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self):
        return self.source


def body_fingerprint(body):
    """What a clinical sign-off is of: the body, ignoring spaces at its ends and line endings."""
    text = (body or "").replace("\r\n", "\n").strip()
    return hashlib.sha256(text.encode()).hexdigest()
