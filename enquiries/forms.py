from django import forms
from django.conf import settings
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

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes(value):
    return value == "yes"


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
    voicemail_ok = forms.TypedChoiceField(
        label="Is it OK to leave a voicemail?",
        choices=YES_NO,
        coerce=_yes,
        empty_value=None,
        required=False,
        help_text="Answer this if we may phone you.",
        error_messages={"invalid_choice": "Choose yes or no"},
        widget=forms.RadioSelect,
    )
    may_identify = forms.TypedChoiceField(
        label="Can we say we are a therapy practice when we call or write?",
        choices=YES_NO,
        coerce=_yes,
        empty_value=None,
        help_text="If not, every message from us comes from “{sender}” with the subject "
        "“{subject}”, and we won't mention therapy in a voicemail.",
        error_messages={
            "required": "Choose whether we may say we are a therapy practice",
            "invalid_choice": "Choose yes or no",
        },
        widget=forms.RadioSelect,
    )
    first_step = forms.ChoiceField(
        label="What would you like the first step to be?",
        # Every first step is accepted here; __init__ and clean() show and allow only what the
        # chosen therapist (or, for "help me choose", anyone listed) offers.
        choices=Enquiry.FirstStep.choices,
        error_messages={
            "required": "Choose the first step you would like",
            "invalid_choice": "Choose one of the first steps listed",
        },
        widget=forms.RadioSelect,
    )
    times = forms.MultipleChoiceField(
        label="When suits you?",
        choices=Enquiry.TIMES,
        required=False,
        help_text="Tick any that suit you.",
        error_messages={"invalid_choice": "Choose times from the list"},
        widget=forms.CheckboxSelectMultiple,
    )
    times_note = forms.CharField(
        label="Anything else about times",
        max_length=200,
        required=False,
        help_text="For example: “not Tuesdays” or “after 6pm”. Up to 200 characters.",
        error_messages={"max_length": "Keep this to 200 characters or fewer"},
    )
    message = forms.CharField(
        label="Anything you would like us to know?",
        required=False,
        help_text=(
            f"Up to {MESSAGE_MAX_LENGTH:,} characters. We don't need anything about your "
            "health to reply: a sentence is plenty, and please leave out anything you would "
            "rather tell us in person."
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
        label="Who would you like to talk to?",
        queryset=Therapist.objects.listed(),
        required=False,
        empty_label="Help me choose someone",
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
            "first_step",
            "times",
            "times_note",
            "voicemail_ok",
            "consent",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        identify = self.fields["may_identify"]
        identify.help_text = identify.help_text.format(
            sender=settings.NEUTRAL_SENDER_NAME, subject=settings.NEUTRAL_SUBJECT
        )
        # The first steps shown: the pre-selected therapist's (?therapist=); a posted form shows
        # those of the therapist it chose once it is cleaned (clean()).
        if not self.is_bound:
            self._offer_first_steps(self.initial.get("preferred_therapist"))
            self._offer_formats(self.initial.get("preferred_therapist"))

    def _offer_formats(self, therapist):
        """The ways to meet listed: the chosen therapist's only ("In person" is not offered
        for someone who works online and by telephone). Returns the values offered."""
        if therapist is not None and not isinstance(therapist, Therapist):
            therapist = Therapist.objects.listed().filter(pk=therapist).first()
        offered = {
            Enquiry.Format.IN_PERSON: therapist is None or therapist.offers_in_person,
            Enquiry.Format.ONLINE: therapist is None or therapist.offers_online,
            Enquiry.Format.TELEPHONE: therapist is None or therapist.offers_telephone,
        }
        choices = [(value, label) for value, label in Enquiry.Format.choices if offered[value]]
        self.fields["preferred_format"].widget.choices = [("", "No preference"), *choices]
        return [value for value, _ in choices]

    def _check_format(self, cleaned):
        if "preferred_therapist" in self.errors:
            return
        therapist = cleaned.get("preferred_therapist")
        offered = self._offer_formats(therapist)
        chosen = cleaned.get("preferred_format")
        if chosen and chosen not in offered:
            words = {"in_person": "in person", "online": "online", "telephone": "by telephone"}
            ways = " and ".join(words[value] for value in offered)
            self.add_error(
                "preferred_format",
                f"{therapist.name} meets people {ways} only: choose one of those, "
                "or “No preference”",
            )

    def _call_lengths_offered(self):
        """The lengths of the free calls listed therapists offer ({None} for a call of no stated
        length), in one query, asked once per form."""
        if not hasattr(self, "_call_lengths"):
            self._call_lengths = set(
                Therapist.objects.listed()
                .filter(first_step="call")
                .order_by()
                .values_list("first_step_minutes", flat=True)
                .distinct()
            )
        return self._call_lengths

    def first_steps_for(self, therapist):
        """The first steps a visitor may ask for, as (value, label): with `therapist`, what
        they offer; without one ("help me choose"), a free call only if someone offers one.
        A free call is never offered where nobody promised one."""
        Step = Enquiry.FirstStep
        not_sure = (Step.NOT_SURE, "Not sure yet")
        if therapist is None:
            lengths = self._call_lengths_offered()
            steps = []
            if lengths:
                # "15-minute" when every call is that long; "short" when they differ.
                (minutes,) = lengths if len(lengths) == 1 else (None,)
                length = f"{minutes}-minute" if minutes else "short"
                steps.append(
                    (
                        Step.CALL,
                        f"A free {length} call to check we are a good fit "
                        "(with one of our therapists who offer one)",
                    )
                )
            return [*steps, (Step.SESSION, "A first full session"), not_sure]
        if therapist.first_step == "call":
            return [
                (Step.CALL, f"{therapist.first_step_in_words}, to check we are a good fit"),
                (Step.SESSION, "A first full session"),
                not_sure,
            ]
        if therapist.first_step == "session":
            return [(Step.SESSION, therapist.first_step_in_words), not_sure]
        # Nothing said on their profile: they may still offer a call; nothing is promised.
        return [
            (Step.CALL, f"A short call to check we are a good fit, if {therapist.name} offers one"),
            (Step.SESSION, "A first session"),
            not_sure,
        ]

    def _offer_first_steps(self, therapist):
        field = self.fields["first_step"]
        steps = self.first_steps_for(therapist)
        # Only the radio buttons change: the field itself accepts every first step, so that
        # clean() can say what this therapist offers instead of "choose from the list".
        field.widget.choices = steps
        offered = [value for value, _ in steps]
        if not self.is_bound:
            self.initial.setdefault(
                "first_step",
                Enquiry.FirstStep.CALL if Enquiry.FirstStep.CALL in offered else None,
            )
        return offered

    def _check_first_step(self, cleaned):
        """Show the chosen therapist's first steps, and refuse a free call nobody offers."""
        if "preferred_therapist" in self.errors:
            therapist = None  # a forged or hidden therapist: already refused beside its field
        else:
            therapist = cleaned.get("preferred_therapist")
        offered = self._offer_first_steps(therapist)
        step = cleaned.get("first_step")
        if (
            step != Enquiry.FirstStep.CALL
            or step in offered
            or "preferred_therapist" in self.errors
        ):
            return
        if therapist is None:
            message = (
                "None of our therapists offers a free call at the moment: choose a first "
                "session, or “Not sure yet” and we will suggest a first step"
            )
        else:
            offers = therapist.first_step_in_words
            message = (
                f"{therapist.name} does not offer a free call: their first step is "
                f"{offers[:1].lower()}{offers[1:]}. Choose that, or “Not sure yet”"
            )
        self.add_error("first_step", message)

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

    def clean_times_note(self):
        return " ".join(self.cleaned_data["times_note"].split())

    def clean(self):
        cleaned = super().clean()
        by_phone = cleaned.get("contact_method") in (
            Enquiry.ContactMethod.PHONE,
            Enquiry.ContactMethod.BOTH,
        )
        # A number we could not read says so already.
        if by_phone and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error(
                "phone", "Enter a phone number, or choose email as the way to contact you"
            )
        if by_phone and cleaned.get("voicemail_ok") is None and "voicemail_ok" not in self.errors:
            self.add_error("voicemail_ok", "Choose whether we may leave you a voicemail")
        if not by_phone:
            cleaned["voicemail_ok"] = None
        self._check_first_step(cleaned)
        self._check_format(cleaned)
        return cleaned

    def save(self, commit=True):
        enquiry = super().save(commit=False)
        enquiry.consented_at = timezone.now()
        enquiry.discreet = not self.cleaned_data["may_identify"]
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
