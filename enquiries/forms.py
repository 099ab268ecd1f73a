from django import forms
from django.utils import timezone
from phonenumber_field.formfields import PhoneNumberField

from core.forms import PlainTextFormMixin
from enquiries.models import Enquiry, ProblemReport
from therapists.models import Modality, Therapist

MESSAGE_MAX_LENGTH = 2000

# The honeypot: a field people never see (hidden by the `honeypot` CSS class), which form-filling
# robots fill in. Its name looks like an ordinary field on purpose.
HONEYPOT_FIELD = "website"


PHONE_INVALID = (
    "Enter a phone number we can call, like 020 7946 0123, or +33 1 23 45 67 89 from abroad"
)


class TherapistChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}, {obj.title}"


class EnquiryForm(PlainTextFormMixin, forms.ModelForm):
    """The "help me find a therapist" form. Errors are worded for the visitor, not the database.

    Every text field is cleaned of control and bidirectional characters (core.forms)."""

    name = forms.CharField(
        label="Your name",
        max_length=120,
        error_messages={"required": "Enter your name"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = PhoneNumberField(
        label="Phone number",
        max_length=30,
        required=False,
        help_text="Only needed if you would like us to phone you. From abroad, start with + "
        "and the country code.",
        error_messages={"invalid": PHONE_INVALID},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    contact_method = forms.ChoiceField(
        label="How would you like us to contact you?",
        choices=Enquiry.ContactMethod.choices,
        initial=Enquiry.ContactMethod.EMAIL,
        error_messages={"required": "Choose how you would like us to contact you"},
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label="What would you like help with?",
        required=False,
        help_text=(
            f"Up to {MESSAGE_MAX_LENGTH:,} characters. A sentence or two is plenty; "
            "please don't include anything you would rather tell us in person."
        ),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MESSAGE_MAX_LENGTH}),
    )
    preferred_modality = forms.ModelChoiceField(
        label="Approach you would like",
        queryset=Modality.objects.all(),
        required=False,
        empty_label="No preference",
        error_messages={"invalid_choice": "Choose an approach from the list"},
    )
    preferred_format = forms.ChoiceField(
        label="How you would like to meet",
        choices=[("", "No preference"), *Enquiry.Format.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a way to meet from the list"},
    )
    preferred_therapist = TherapistChoiceField(
        label="Therapist you would like to see",
        queryset=Therapist.objects.listed(),
        required=False,
        empty_label="No preference",
        error_messages={"invalid_choice": "Choose a therapist from the list"},
    )
    consent = forms.BooleanField(
        label="I agree to the practice keeping these details to reply to me",
        error_messages={"required": "Tick the box to agree, so that we can reply to you"},
    )
    website = forms.CharField(label="Leave this field empty", required=False)

    class Meta:
        model = Enquiry
        fields = [
            "name",
            "email",
            "phone",
            "contact_method",
            "message",
            "preferred_modality",
            "preferred_format",
            "preferred_therapist",
            "consent",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Enter your name")
        return name

    def clean_message(self):
        # Browsers send each line break as CRLF but count it as one character for the
        # textarea's maxlength; count (and keep) line breaks as "\n", so a message the browser
        # let through is never refused as too long.
        message = self.cleaned_data["message"].replace("\r\n", "\n").replace("\r", "\n").strip()
        if len(message) > MESSAGE_MAX_LENGTH:
            raise forms.ValidationError(
                f"Keep this to {MESSAGE_MAX_LENGTH:,} characters or fewer "
                f"(you wrote {len(message):,})"
            )
        return message

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("contact_method") == Enquiry.ContactMethod.PHONE
            and not cleaned.get("phone")
            and "phone" not in self.errors  # a number we could not read says so already
        ):
            self.add_error(
                "phone", "Enter a phone number, or choose email as the way to contact you"
            )
        return cleaned

    def save(self, commit=True):
        enquiry = super().save(commit=False)
        enquiry.consented_at = timezone.now()
        if commit:
            enquiry.save()
        return enquiry


def _one_line_breaks(text):
    # As for the enquiry's message: count (and keep) a line break as one character.
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


class ProblemReportForm(PlainTextFormMixin, forms.ModelForm):
    """ "Report a problem with this page": what is wrong, and an email only if they want a reply."""

    problem = forms.CharField(
        label="What is wrong?",
        help_text=(
            f"Up to {MESSAGE_MAX_LENGTH:,} characters: a mistake, something out of date, a "
            "broken link, or anything that worried you. Please don't include personal details."
        ),
        error_messages={"required": "Tell us what is wrong with the page"},
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MESSAGE_MAX_LENGTH}),
    )
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        required=False,
        help_text="Only if you would like us to tell you what we did.",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    website = forms.CharField(label="Leave this field empty", required=False)

    class Meta:
        model = ProblemReport
        fields = ["problem", "email"]

    def __init__(self, *args, page="", **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean_problem(self):
        problem = _one_line_breaks(self.cleaned_data["problem"])
        if not problem:
            raise forms.ValidationError("Tell us what is wrong with the page")
        if len(problem) > MESSAGE_MAX_LENGTH:
            raise forms.ValidationError(
                f"Keep this to {MESSAGE_MAX_LENGTH:,} characters or fewer "
                f"(you wrote {len(problem):,})"
            )
        return problem

    def save(self, commit=True):
        report = super().save(commit=False)
        report.page = self.page
        if commit:
            report.save()
        return report
