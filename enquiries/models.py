from datetime import timedelta

from django.db import models
from django.utils import timezone
from phonenumber_field.modelfields import PhoneNumberField

from therapists.models import Modality, Therapist


class EnquiryQuerySet(models.QuerySet):
    def older_than(self, days):
        """Enquiries received more than `days` days ago: the ones the retention rule removes."""
        return self.filter(created_at__lt=timezone.now() - timedelta(days=days))


class Enquiry(models.Model):
    """A visitor asking the practice for help finding a therapist. Personal data: kept briefly."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        CLOSED = "closed", "Closed"

    class ContactMethod(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Online"
        TELEPHONE = "telephone", "Telephone"

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.NEW,
        help_text="New: nobody has replied yet. Contacted: someone has replied. Closed: finished.",
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
    staff_notes = models.TextField(
        blank=True,
        help_text="For staff only: who replied, when, and what was agreed. Keep it brief.",
    )

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "enquiries"
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        # No name here: this text is copied into the admin's history, which outlives the enquiry.
        if self.pk is None:
            return "New enquiry"
        received = timezone.localtime(self.created_at)
        return f"Enquiry #{self.pk}, received {received:%d %b %Y %H:%M}"


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
