from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from smarttherapy.markdown import render_markdown


class Modality(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="The last part of the page's address."
    )
    summary = models.CharField(
        max_length=300, help_text="One or two sentences shown on cards and in search results."
    )
    explainer = models.TextField(
        blank=True,
        help_text="Markdown: what this approach is, what sessions are like, and who it suits.",
    )
    explainer_html = models.TextField(blank=True, editable=False)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are shown first.")

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "modalities"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.explainer_html = render_markdown(self.explainer)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("therapists:modality", kwargs={"slug": self.slug})


class Concern(models.Model):
    """Something people come to therapy with: anxiety, grief, relationships…"""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Language(models.Model):
    name = models.CharField(max_length=60, unique=True, help_text="For example: English, Polish.")
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class TherapistQuerySet(models.QuerySet):
    def listed(self):
        """Therapists the public may see. Every public page starts here."""
        return self.filter(is_active=True)


class Therapist(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The last part of the profile's address."
    )
    pronouns = models.CharField(max_length=30, blank=True, help_text="Optional, e.g. she/her.")
    title = models.CharField(
        "professional title", max_length=120, help_text="E.g. Integrative Psychotherapist."
    )
    photo = models.ImageField(
        upload_to="therapists/originals/",
        blank=True,
        help_text="A portrait. It is resized automatically; the original is never shown.",
    )
    photo_alt = models.CharField(
        "photo description",
        max_length=200,
        blank=True,
        help_text="Describe the photo for people who cannot see it. Required when there is a photo.",
    )
    photo_small = models.ImageField(upload_to="therapists/200/", blank=True, editable=False)
    photo_large = models.ImageField(upload_to="therapists/480/", blank=True, editable=False)
    introduction = models.CharField(
        max_length=300, help_text="A sentence or two in the therapist's own voice, shown on cards."
    )
    biography = models.TextField(blank=True, help_text="Markdown: the full profile text.")
    biography_html = models.TextField(blank=True, editable=False)
    qualifications = models.TextField(blank=True, help_text="One qualification per line.")
    modalities = models.ManyToManyField(Modality, related_name="therapists", blank=True)
    concerns = models.ManyToManyField(Concern, related_name="therapists", blank=True)
    languages = models.ManyToManyField(Language, related_name="therapists", blank=True)
    offers_in_person = models.BooleanField("in person", default=True)
    offers_online = models.BooleanField("online", default=False)
    offers_telephone = models.BooleanField("telephone", default=False)
    works_with_adults = models.BooleanField("adults", default=True)
    works_with_couples = models.BooleanField("couples", default=False)
    works_with_young_people = models.BooleanField("young people", default=False)
    fee = models.PositiveIntegerField(help_text="Fee per session, in pounds.")
    reduced_fee_places = models.BooleanField(
        default=False, help_text="Tick if some lower-cost places are available."
    )
    accepting_new_clients = models.BooleanField(default=True)
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Untick to hide this therapist everywhere on the site, instead of deleting.",
    )
    display_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are shown first."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TherapistQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        indexes = [models.Index(fields=["is_active", "display_order", "name"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.biography_html = render_markdown(self.biography)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("therapists:profile", kwargs={"slug": self.slug})

    def clean(self):
        if self.photo and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": "Describe the photo for people who cannot see it."})


class Membership(models.Model):
    """A therapist's membership of a professional body, with a link to its public register."""

    therapist = models.ForeignKey(Therapist, on_delete=models.CASCADE, related_name="memberships")
    body = models.CharField(
        max_length=20, help_text="The professional body, e.g. BACP, UKCP, BABCP."
    )
    level = models.CharField(
        max_length=120, blank=True, help_text="E.g. Registered Member MBACP (Accred)."
    )
    registration_number = models.CharField(max_length=40, blank=True)
    register_url = models.URLField(
        "public register entry",
        blank=True,
        help_text="Link to this therapist on the body's register.",
    )

    class Meta:
        ordering = ["body"]

    def __str__(self):
        return f"{self.body} {self.registration_number}".strip()
