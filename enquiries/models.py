from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from phonenumber_field.modelfields import PhoneNumberField

from enquiries.working_days import add_working_days
from therapists.models import Modality, Therapist


class EnquiryQuerySet(models.QuerySet):
    def older_than(self, days):
        """Enquiries received more than `days` days ago: the ones the retention rule removes."""
        return self.filter(created_at__lt=timezone.now() - timedelta(days=days))

    def overdue(self):
        """New requests nobody has replied to by the end of their reply-due day."""
        return self.filter(status=Enquiry.Status.NEW, reply_due__lt=timezone.localdate())

    def queue_order(self):
        """Overdue first (oldest due first), then the other new ones by due date, then the rest
        newest first: the order staff work through them."""
        today = timezone.localdate()
        return self.annotate(
            queue_rank=Case(
                When(status=Enquiry.Status.NEW, reply_due__lt=today, then=Value(0)),
                When(status=Enquiry.Status.NEW, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        ).order_by("queue_rank", "reply_due", "-created_at", "-pk")


class Enquiry(models.Model):
    """A visitor asking the practice for help finding a therapist. Personal data: kept briefly."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        BOOKED = "booked", "First conversation booked"
        CLOSED = "closed", "Closed"
        REFERRED = "referred", "Referred elsewhere"

    class ContactMethod(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        BOTH = "both", "Email or phone"

    class FirstStep(models.TextChoices):
        CALL = "call", "A call to check we are a good fit"
        SESSION = "session", "A first full session"
        NOT_SURE = "not_sure", "Not sure yet"

    # When suits them: (key, label). Stored as a list of keys.
    TIMES = [
        ("mornings", "Weekday mornings"),
        ("afternoons", "Weekday afternoons"),
        ("evenings", "Weekday evenings"),
        ("weekends", "Weekends"),
    ]

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"
        TELEPHONE = "telephone", "Telephone"

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.NEW,
        help_text="New: nobody has replied yet. Contacted: someone has replied. First "
        "conversation booked: a time is agreed. Closed: finished. Referred elsewhere: we "
        "pointed them to another service.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The staff member looking after this request. Only members of the "
        "“Enquiry handlers” group can be chosen.",
    )
    reply_due = models.DateField(
        "reply due",
        null=True,
        blank=True,
        editable=False,
        help_text="The end of this working day (weekends and UK bank holidays skipped).",
    )
    created_at = models.DateTimeField("received", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=254)
    phone = PhoneNumberField(
        blank=True,
        help_text="Stored in international format (+44…). A number sent before numbers were "
        "checked is kept as the visitor typed it.",
    )
    contact_method = models.CharField(
        "preferred way to be contacted",
        max_length=10,
        choices=ContactMethod.choices,
        default=ContactMethod.EMAIL,
    )
    message = models.TextField(
        "what they would like help with",
        max_length=2000,
        blank=True,
    )
    preferred_modality = models.ForeignKey(
        Modality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    preferred_format = models.CharField(max_length=10, choices=Format.choices, blank=True)
    first_step = models.CharField(
        "first step they would like", max_length=10, choices=FirstStep.choices, blank=True
    )
    times = models.JSONField("times that suit them", default=list, blank=True)
    times_note = models.CharField("note about times", max_length=200, blank=True)
    voicemail_ok = models.BooleanField(
        "OK to leave a voicemail", null=True, blank=True, help_text="Empty: not asked (email only)."
    )
    discreet = models.BooleanField(
        "asked for discretion",
        default=True,
        help_text="They asked us not to say we are a therapy practice when we call or write: "
        "every message uses the neutral sender name and subject.",
    )
    booked_for = models.DateTimeField(
        "first conversation at",
        null=True,
        blank=True,
        help_text="When the first conversation is booked (UK time).",
    )
    booked_minutes = models.PositiveSmallIntegerField(
        "length in minutes", default=15, help_text="How long the first conversation lasts."
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(
        "cancelled by them at", null=True, blank=True, editable=False
    )
    preferred_therapist = models.ForeignKey(
        Therapist,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consent = models.BooleanField(
        "agreed to the privacy notice",
        default=False,
        help_text="The visitor ticked the box agreeing to the practice keeping these details.",
    )
    consented_at = models.DateTimeField("agreed at", null=True, blank=True)
    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "enquiries"
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["status", "reply_due"]),
        ]

    def __str__(self):
        # No name here: this text is copied into the admin's history, which outlives the enquiry.
        if self.pk is None:
            return "New enquiry"
        received = timezone.localtime(self.created_at)
        return f"Enquiry #{self.pk}, received {received:%d %b %Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.reply_due is None:
            self.reply_due = self.compute_reply_due()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "reply_due"}
        super().save(*args, **kwargs)

    def compute_reply_due(self):
        received = self.created_at or timezone.now()
        return add_working_days(timezone.localdate(received), settings.REPLY_WORKING_DAYS)

    @property
    def is_overdue(self):
        return (
            self.status == self.Status.NEW
            and self.reply_due is not None
            and self.reply_due < timezone.localdate()
        )

    @property
    def times_labels(self):
        labels = dict(self.TIMES)
        return [labels[key] for key in self.times if key in labels]

    @property
    def booked_until(self):
        return self.booked_for + timedelta(minutes=self.booked_minutes) if self.booked_for else None

    @property
    def may_phone(self):
        return self.contact_method in (self.ContactMethod.PHONE, self.ContactMethod.BOTH)


class EnquiryEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The request history is append-only.")


class EnquiryEvent(models.Model):
    """One line of a request's history: a status change, an owner change, a note, an email.

    Append-only: a saved event is never changed or deleted on its own; it goes with its request
    when the retention rule (or an erasure) deletes the request.
    """

    class Kind(models.TextChoices):
        STATUS = "status", "Status changed"
        OWNER = "owner", "Owner changed"
        NOTE = "note", "Note"
        BOOKED = "booked", "First conversation booked"
        EMAIL = "email", "Email sent"
        EMAIL_FAILED = "email_failed", "Email failed"
        CANCELLED = "cancelled", "Cancelled by them"

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("when", default=timezone.now, editable=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty: the website or the person who sent the request.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField(blank=True)

    objects = EnquiryEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "history entry"
        verbose_name_plural = "history"

    def __str__(self):
        return f"{self.get_kind_display()} at {timezone.localtime(self.at):%d %b %Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The request history is append-only: add a new entry instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The request history is append-only: it goes with its request.")


class ReplyTemplate(models.Model):
    """A ready reply staff start from, e.g. "Referred elsewhere". Editable in the admin."""

    key = models.SlugField(max_length=40, unique=True, editable=False)
    name = models.CharField(max_length=80)
    subject = models.CharField(
        max_length=120,
        help_text="Used when the person let us say we are a therapy practice; otherwise the "
        "neutral subject (NEUTRAL_SUBJECT) is used.",
    )
    body = models.TextField(
        help_text="Plain text. {name} is replaced by the person's name. Keep the crisis "
        "numbers in it."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def public_text(self):
        """The body as shown on the site: without the greeting and sign-off lines."""
        lines = self.body.strip().splitlines()
        if lines and "{name}" in lines[0]:
            lines = lines[1:]
        if lines and lines[-1].rstrip().endswith(","):
            lines = lines[:-1]
        return "\n".join(lines).strip()

    def render(self, enquiry=None):
        name = enquiry.name if enquiry else "there"
        return self.body.replace("{name}", name)


class ProblemReportQuerySet(models.QuerySet):
    def older_than(self, days):
        """Reports received more than `days` days ago: the retention rule removes them."""
        return self.filter(created_at__lt=timezone.now() - timedelta(days=days))


class ProblemReport(models.Model):
    """A visitor telling the practice that something on a page is wrong. It may carry an email
    address, so it is kept like an enquiry: briefly, and only in the admin."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        FIXED = "fixed", "Fixed"
        CLOSED = "closed", "Closed, nothing to change"

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.NEW,
        help_text="New: nobody has looked yet. Fixed: the page was corrected. Closed: nothing "
        "needed changing.",
    )
    created_at = models.DateTimeField("received", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    page = models.CharField(
        "page", max_length=300, blank=True, help_text="The address of the page it is about."
    )
    problem = models.TextField("what is wrong", max_length=2000)
    email = models.EmailField(
        "email for a reply", max_length=254, blank=True, help_text="Optional: given by the visitor."
    )
    staff_notes = models.TextField(
        blank=True, help_text="For staff only: what was checked or changed. Keep it brief."
    )

    objects = ProblemReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "problem report"

    def __str__(self):
        if self.pk is None:
            return "New problem report"
        received = timezone.localtime(self.created_at)
        return f"Problem report #{self.pk}, received {received:%d %b %Y %H:%M}"
