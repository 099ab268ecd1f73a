import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from core import dates, images, media_storage
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


def availability_cutoff(now=None):
    """Availability confirmed before this moment no longer counts (AVAILABILITY_CONFIRM_DAYS)."""
    return (now or timezone.now()) - timedelta(days=settings.AVAILABILITY_CONFIRM_DAYS)


class TherapistQuerySet(models.QuerySet):
    def listed(self):
        """Therapists the public may see. Every public page starts here."""
        return self.filter(is_active=True)

    def accepting(self, now=None):
        """Listed therapists visitors are told are accepting new clients: ticked, and confirmed
        by staff within AVAILABILITY_CONFIRM_DAYS. The one rule for the filter, the home page,
        profiles and cards (see Therapist.availability)."""
        return self.listed().filter(
            accepting_new_clients=True, availability_confirmed_at__gte=availability_cutoff(now)
        )

    def availability_to_confirm(self, now=None):
        """Listed therapists ticked as accepting whose confirmation has run out: the site says
        "Ask about availability" until staff confirm it either way."""
        return (
            self.listed()
            .filter(accepting_new_clients=True)
            .filter(
                Q(availability_confirmed_at__lt=availability_cutoff(now))
                | Q(availability_confirmed_at__isnull=True)
            )
        )

    def next_availability_expiry(self, now=None):
        """When the soonest confirmation runs out (a profile's "accepting" becomes "Ask about
        availability" by itself), or None: part of the page cache's next-change time."""
        confirmed = (
            self.accepting(now)
            .order_by("availability_confirmed_at")
            .values_list("availability_confirmed_at", flat=True)
            .first()
        )
        if confirmed is None:
            return None
        return confirmed + timedelta(days=settings.AVAILABILITY_CONFIRM_DAYS)

    def with_registration_check(self):
        """Annotate `has_checked_registration`: a membership that staff checked on its register
        within REGISTRATION_RECHECK_MONTHS."""
        return self.annotate(
            has_checked_registration=Exists(
                Membership.objects.checked().filter(therapist=OuterRef("pk"))
            )
        )

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
        storage=media_storage.originals,
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
    offers_evenings = models.BooleanField(
        "evenings",
        default=False,
        help_text="Tick if they offer sessions on weekday evenings (after 6pm).",
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
    works_with_families = models.BooleanField(
        "families", default=False, help_text="Tick if they work with families together."
    )
    young_people_ages = models.CharField(
        "ages of young people",
        max_length=40,
        blank=True,
        help_text="Optional, with 'young people' ticked: the ages they see, e.g. 12 to 17.",
    )
    reduced_fee_places = models.BooleanField(
        default=False, help_text="Tick if some lower-cost places are available."
    )
    accepting_new_clients = models.BooleanField(
        default=True,
        help_text="Untick when their diary is full: the profile stays up, marked "
        "'Waiting list', and they are left off the home page. Changing it here confirms it "
        "as of today.",
    )
    availability_confirmed_at = models.DateTimeField(
        "availability confirmed",
        null=True,
        blank=True,
        editable=False,
        help_text="When staff last confirmed whether they are accepting new clients. After "
        "AVAILABILITY_CONFIRM_DAYS days the site says 'Ask about availability' instead.",
    )
    FIRST_STEPS = [
        ("", "Not shown"),
        ("call", "A free introductory call"),
        ("session", "A first session"),
    ]
    first_step = models.CharField(
        max_length=10,
        choices=FIRST_STEPS,
        blank=True,
        help_text="What a new client's first step is. Leave as 'Not shown' to say nothing.",
    )
    first_step_minutes = models.PositiveSmallIntegerField(
        "first step length",
        null=True,
        blank=True,
        help_text="Optional: how long the call or first session lasts, in minutes.",
    )
    first_step_fee = models.PositiveIntegerField(
        "first session price",
        null=True,
        blank=True,
        help_text="Optional, for a first session: its price in pounds, if it differs from the "
        "usual fee.",
    )
    session_minutes = models.PositiveSmallIntegerField(
        "session length", null=True, blank=True, help_text="Optional: in minutes, e.g. 50."
    )
    session_frequency = models.CharField(
        "how often",
        max_length=100,
        blank=True,
        help_text="Optional: e.g. Weekly, at the same time each week.",
    )
    access_step_free = models.BooleanField(
        "step-free access", default=False, help_text="For in-person sessions: no steps."
    )
    access_ground_floor = models.BooleanField(
        "ground-floor room", default=False, help_text="For in-person sessions."
    )
    access_hearing_loop = models.BooleanField(
        "hearing loop", default=False, help_text="For in-person sessions: a loop is fitted."
    )
    staff_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="therapist",
        verbose_name="staff account",
        help_text="The therapist's own sign-in, if they have one: a clinical review they record "
        "themselves needs no note saying who recorded it for them.",
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
            # The home page's "accepting new clients" cards, in display order. The date is in
            # the index so that lapsed confirmations are skipped without reading their rows:
            # 16.9 ms -> 0.6 ms on SQLite with 10,000 therapists whose confirmations had lapsed.
            models.Index(
                fields=["display_order", "name", "availability_confirmed_at"],
                condition=models.Q(is_active=True, accepting_new_clients=True),
                name="therapist_accepting_order_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A new therapist ticked as accepting is confirmed as of now.
        if (
            self._state.adding
            and self.accepting_new_clients
            and self.availability_confirmed_at is None
        ):
            self.availability_confirmed_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("therapists:profile", kwargs={"slug": self.slug})

    def confirm_availability(self, accepting, now=None):
        """Staff say whether they are accepting new clients, as of now (the caller saves)."""
        self.accepting_new_clients = accepting
        self.availability_confirmed_at = now or timezone.now()

    def availability(self, now=None):
        """ "accepting", "ask" (ticked, but not confirmed lately) or "waiting": what visitors
        are told, by the same rule as TherapistQuerySet.accepting()."""
        if not self.accepting_new_clients:
            return "waiting"
        confirmed = self.availability_confirmed_at
        if confirmed is None or confirmed < availability_cutoff(now):
            return "ask"
        return "accepting"

    @property
    def availability_confirmed_in_words(self):
        if self.availability_confirmed_at is None:
            return ""
        return dates.days_ago_in_words(self.availability_confirmed_at)

    @property
    def first_step_in_words(self):
        """ "A free 15-minute call", "A first session (50 minutes, £60)", or ""."""
        minutes = self.first_step_minutes
        if self.first_step == "call":
            return f"A free {minutes}-minute call" if minutes else "A free introductory call"
        if self.first_step == "session":
            details = []
            if minutes:
                details.append(f"{minutes} minutes")
            if self.first_step_fee is not None:
                details.append("free" if self.first_step_fee == 0 else f"£{self.first_step_fee}")
            return "A first session" + (f" ({', '.join(details)})" if details else "")
        return ""

    @property
    def access(self):
        """Access to the room for in-person sessions, in words; empty without in-person."""
        if not self.offers_in_person:
            return []
        return [
            label
            for label, offered in (
                ("step-free access", self.access_step_free),
                ("ground-floor room", self.access_ground_floor),
                ("hearing loop", self.access_hearing_loop),
            )
            if offered
        ]

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
                ("families", self.works_with_families),
                (self.young_people_label, self.works_with_young_people),
            )
            if works_with
        ]

    @property
    def young_people_label(self):
        ages = self.young_people_ages.strip()
        return f"young people ({ages})" if ages else "young people"

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


def recheck_before():
    """A registration checked before this day is due to be checked again."""
    return dates.add_months(dates.today(), -settings.REGISTRATION_RECHECK_MONTHS)


class MembershipQuerySet(models.QuerySet):
    def checked(self):
        """Checked on the body's public register within REGISTRATION_RECHECK_MONTHS."""
        return self.filter(checked_on__gte=recheck_before())

    def to_recheck(self):
        """Never checked, or checked longer ago than REGISTRATION_RECHECK_MONTHS."""
        return self.filter(Q(checked_on__lt=recheck_before()) | Q(checked_on__isnull=True))


class Membership(models.Model):
    """A therapist's membership of a professional body, with a link to its public register."""

    class Register(models.TextChoices):
        BACP = "BACP", "BACP (British Association for Counselling and Psychotherapy)"
        UKCP = "UKCP", "UKCP (UK Council for Psychotherapy)"
        BPS = "BPS", "BPS (British Psychological Society)"
        HCPC = "HCPC", "HCPC (Health and Care Professions Council)"
        NCPS = "NCPS", "NCPS (National Counselling and Psychotherapy Society)"
        BABCP = "BABCP", "BABCP (British Association for Behavioural and Cognitive Psychotherapies)"
        COSRT = "COSRT", "COSRT (College of Sexual and Relationship Therapists)"
        ACTO = "ACTO", "ACTO (Association for Counselling and Therapy Online)"

    therapist = models.ForeignKey(Therapist, on_delete=models.CASCADE, related_name="memberships")
    body = models.CharField(
        "register",
        max_length=20,
        choices=Register.choices,
        help_text="The professional body or register they belong to.",
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
    checked_on = models.DateField(
        "last checked",
        null=True,
        blank=True,
        help_text="The day staff last found this entry on the body's public register. Leave "
        "empty if nobody has checked it yet: the profile only says 'checked' with a date.",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body"]

    def __str__(self):
        return f"{self.body} {self.registration_number}".strip()


# --- Admin lists: staff's to-do lists, as proxies of the models above ---------------------------


class AvailabilityCheck(Therapist):
    """A listed therapist whose "accepting new clients" needs confirming (an admin list)."""

    class Meta:
        proxy = True
        verbose_name = "availability to confirm"
        verbose_name_plural = "availability to confirm"


class RegistrationCheck(Membership):
    """A registration not checked on its public register lately (an admin list)."""

    class Meta:
        proxy = True
        verbose_name = "registration to re-check"
        verbose_name_plural = "registrations to re-check"
