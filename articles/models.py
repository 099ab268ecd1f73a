from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from smarttherapy.markdown import reading_time_minutes, render_markdown
from therapists.models import Modality, Therapist


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=300, blank=True)

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


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The last part of the article's address."
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
    hero_image = models.ImageField(upload_to="articles/", blank=True)
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
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish date",
        default=timezone.now,
        help_text="A published article with a date in the future appears by itself at that time.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
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

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        self.reading_time = reading_time_minutes(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.hero_image and not self.hero_image_alt.strip():
            raise ValidationError(
                {"hero_image_alt": "Describe the image for people who cannot see it."}
            )

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()
