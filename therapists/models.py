import logging

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.http import urlencode

from core import images
from core.content import ContentModel

logger = logging.getLogger(__name__)


class ModalityQuerySet(models.QuerySet):
    def with_listed_count(self):
        """Annotate `listed_count`: how many listed therapists practise each modality."""
        counts = (
            Therapist.objects.listed()
            .filter(modalities=OuterRef("pk"))
            .order_by()
            .values("modalities")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(listed_count=Coalesce(Subquery(counts), 0))


class Modality(ContentModel, models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The last part of the page's address. If you change it, the old address "
        "keeps leading to the page.",
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

    objects = ModalityQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "modalities"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("therapists:modality", kwargs={"slug": self.slug})

    def get_directory_url(self):
        """The directory, filtered to the therapists who practise this modality."""
        return f"{reverse('therapists:directory')}?{urlencode({'modality': self.slug})}"


class Concern(models.Model):
    """Something people come to therapy with: anxiety, grief, relationships…"""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Used in the directory's filter addresses: lower-case words joined by hyphens.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Language(models.Model):
    name = models.CharField(max_length=60, unique=True, help_text="For example: English, Polish.")
    slug = models.SlugField(
        max_length=60,
        unique=True,
        help_text="Used in the directory's filter addresses: lower-case words joined by hyphens.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


# Width and height of each portrait rendition, in pixels (a 4:5 portrait): cards use the small
# one and profiles the large one.
SMALL = (200, 250)
LARGE = (480, 600)


class TherapistQuerySet(models.QuerySet):
    def listed(self):
        """Therapists the public may see. Every public page starts here."""
        return self.filter(is_active=True)

    def for_cards(self):
        """With what a card shows (the therapist's modalities), fetched in one more query."""
        return self.prefetch_related(
            models.Prefetch("modalities", queryset=Modality.objects.only("name", "slug", "order"))
        )


class Therapist(ContentModel, models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the profile's address. If you change it while the "
        "therapist is active, the old address keeps leading to the profile.",
    )
    pronouns = models.CharField(max_length=30, blank=True, help_text="Optional, e.g. she/her.")
    title = models.CharField(
        "professional title", max_length=120, help_text="E.g. Integrative Psychotherapist."
    )
    photo = models.ImageField(
        upload_to="therapists/originals/",
        blank=True,
        validators=[images.validate_image],
        help_text="A portrait (JPEG, PNG or WebP, up to 10 MB). It is resized automatically; "
        "the original is never shown.",
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
    offers_in_person = models.BooleanField(
        "in person", default=True, help_text="Tick if they see clients in the practice's rooms."
    )
    offers_online = models.BooleanField(
        "online", default=False, help_text="Tick if they offer sessions by video call."
    )
    offers_telephone = models.BooleanField(
        "telephone", default=False, help_text="Tick if they offer sessions by telephone."
    )
    works_with_adults = models.BooleanField(
        "adults", default=True, help_text="Tick if they work with adults (18 and over)."
    )
    works_with_couples = models.BooleanField(
        "couples", default=False, help_text="Tick if they work with couples together."
    )
    works_with_young_people = models.BooleanField(
        "young people",
        default=False,
        help_text="Tick if they work with young people under 18.",
    )
    fee = models.PositiveIntegerField(help_text="Fee per session, in pounds.")
    reduced_fee_places = models.BooleanField(
        default=False, help_text="Tick if some lower-cost places are available."
    )
    accepting_new_clients = models.BooleanField(
        default=True,
        help_text="Untick when their diary is full: the profile stays up, marked "
        "'Waiting list', and they are left off the home page.",
    )
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
        indexes = [
            models.Index(fields=["is_active", "display_order", "name"]),
            # listed() in display order without sorting: SQLite does not use the index above
            # for a boolean filter ("WHERE is_active"), but does use this partial index.
            models.Index(
                fields=["display_order", "name"],
                condition=models.Q(is_active=True),
                name="therapist_listed_order_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("therapists:profile", kwargs={"slug": self.slug})

    def rendition_names(self):
        return [field.name for field in (self.photo_small, self.photo_large) if field]

    @property
    def initials(self):
        return "".join(part[0] for part in self.name.split()[:3] if part).upper()

    @property
    def formats(self):
        """The session formats offered, in words: ["in person", "online"]."""
        return [
            label
            for label, offered in (
                ("in person", self.offers_in_person),
                ("online", self.offers_online),
                ("telephone", self.offers_telephone),
            )
            if offered
        ]

    @property
    def client_groups(self):
        """Who this therapist works with, in words: ["adults", "couples"]."""
        return [
            label
            for label, works_with in (
                ("adults", self.works_with_adults),
                ("couples", self.works_with_couples),
                ("young people", self.works_with_young_people),
            )
            if works_with
        ]

    @property
    def qualification_list(self):
        return [line.strip() for line in self.qualifications.splitlines() if line.strip()]

    def clean(self):
        if self.photo and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": "Describe the photo for people who cannot see it."})


@receiver(post_delete, sender=Therapist)
def _delete_photo_files(sender, instance, **kwargs):
    """Deleting a therapist (an erasure request: the admin offers "inactive" otherwise)
    removes their photo files too, once the deletion is committed: a signal, not `delete()`,
    as for articles' images, so a deletion of several at once does it as well."""
    names = [instance.photo.name, *instance.rendition_names()]
    images.delete_files_after_commit(instance, names, ["photo", "photo_small", "photo_large"])


class Membership(models.Model):
    """A therapist's membership of a professional body, with a link to its public register."""

    therapist = models.ForeignKey(Therapist, on_delete=models.CASCADE, related_name="memberships")
    body = models.CharField(
        max_length=20, help_text="The professional body, e.g. BACP, UKCP, BABCP."
    )
    level = models.CharField(
        max_length=120, blank=True, help_text="E.g. Registered Member MBACP (Accred)."
    )
    registration_number = models.CharField(
        max_length=40,
        blank=True,
        help_text="Optional: their membership or registration number with this body, as shown "
        "on its register.",
    )
    register_url = models.URLField(
        "public register entry",
        blank=True,
        help_text="Link to this therapist on the body's register.",
    )

    class Meta:
        ordering = ["body"]

    def __str__(self):
        return f"{self.body} {self.registration_number}".strip()
