"""The directory's filter form: plain GET parameters, so every result page has a shareable URL.

Unknown or stale values (a modality that was renamed, a hand-edited URL) are dropped, never
turned into an error page: the rest of the filters still apply and the page says so.
"""

from django import forms
from django.urls import reverse

from core.forms import PlainTextFormMixin
from therapists.terms import load_terms

FORMATS = {
    "in-person": ("In person", "offers_in_person"),
    "online": ("Online", "offers_online"),
    "telephone": ("Telephone", "offers_telephone"),
}

# Who a therapist works with: the filter's value, its words, and the field that says so.
CLIENT_GROUPS = {
    "adults": ("Adults", "works_with_adults"),
    "young-people": ("Young people", "works_with_young_people"),
    "couples": ("Couples", "works_with_couples"),
    "families": ("Families", "works_with_families"),
}


class _AcceptingCheckbox(forms.CheckboxInput):
    """A checkbox that submits `accepting=1` rather than the browser's default `on`.

    Only that value ticks it: Django's checkbox would read anything but "false" (even "0")
    as ticked.
    """

    VALUE = "1"

    def format_value(self, value):
        return self.VALUE

    def value_from_datadict(self, data, files, name):
        return data.get(name) == self.VALUE


class DirectoryFilterForm(PlainTextFormMixin, forms.Form):
    modality = forms.ChoiceField(label="Approach", required=False)
    concern = forms.ChoiceField(label="What you would like help with", required=False)
    format = forms.ChoiceField(
        label="Session format",
        required=False,
        choices=[("", "Any format")] + [(key, label) for key, (label, _) in FORMATS.items()],
    )
    language = forms.ChoiceField(label="Language", required=False)
    works_with = forms.ChoiceField(
        label="Who the sessions are for",
        required=False,
        choices=[("", "Anyone")] + [(key, label) for key, (label, _) in CLIENT_GROUPS.items()],
    )
    accepting = forms.BooleanField(
        label="Only therapists accepting new clients", required=False, widget=_AcceptingCheckbox
    )
    reduced_fee = forms.BooleanField(
        label="Only therapists with reduced-fee places", required=False, widget=_AcceptingCheckbox
    )

    CHECKBOXES = ("accepting", "reduced_fee")

    # Which list of terms each field chooses from, its "no filter" option and the relation.
    TERM_FIELDS = {
        "modality": ("modality", "Any approach", "modalities"),
        "concern": ("concern", "Anything", "concerns"),
        "language": ("language", "Any language", "languages"),
    }

    # How each filter in use is named on its removable chip.
    CHIP_LABELS = {
        "modality": "Approach",
        "concern": "Help with",
        "format": "Sessions",
        "language": "Language",
        "works_with": "For",
        "accepting": "",
        "reduced_fee": "",
    }
    CHECKBOX_CHIPS = {"accepting": "Accepting new clients", "reduced_fee": "Reduced-fee places"}

    def __init__(self, data=None, terms=None, **kwargs):
        super().__init__(data, **kwargs)
        self.ignored = []
        self.terms = terms if terms is not None else load_terms()
        self._by_slug = {}
        for name, (kind, any_label, _) in self.TERM_FIELDS.items():
            self._by_slug[name] = {term.slug: term for term in self.terms[kind]}
            self.fields[name].choices = [("", any_label)] + [
                (term.slug, term.name) for term in self.terms[kind]
            ]

    def choice_fields(self):
        return [field for field in self if field.name not in self.CHECKBOXES]

    def checkbox_fields(self):
        return [self[name] for name in self.CHECKBOXES]

    def full_clean(self):
        """Validate, then drop every filter whose value could not be used.

        The dropped filters are listed in `ignored`, and removed from `data`, so the form shows
        them as unset (not as errors) and the chips' links leave them out.
        """
        super().full_clean()
        self.ignored = [name for name in self.fields if name in self._errors]
        if self.ignored:
            self.data = self.data.copy()
            for name in self.ignored:
                del self._errors[name]
                self.data.pop(name, None)

    def _used(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, queryset):
        """`queryset` narrowed by every filter that was given a usable value (AND)."""
        used = self._used()
        for name, (_, _, relation) in self.TERM_FIELDS.items():
            if name in used:
                # One term per relation, and each link is stored once: the join adds no
                # duplicate rows, so counts stay right without distinct().
                queryset = queryset.filter(**{relation: self._by_slug[name][used[name]].pk})
        if "format" in used:
            queryset = queryset.filter(**{FORMATS[used["format"]][1]: True})
        if "works_with" in used:
            queryset = queryset.filter(**{CLIENT_GROUPS[used["works_with"]][1]: True})
        if used.get("reduced_fee"):
            queryset = queryset.filter(reduced_fee_places=True)
        if used.get("accepting"):
            # Ticked and confirmed lately: an unconfirmed "accepting" does not count.
            queryset = queryset.accepting()
        return queryset

    def chips(self):
        """The filters in use, each with the address of this page without it.

        Each link keeps the other parameters of the request (a QueryDict, without the ignored
        ones) except the page number, since removing a filter changes the number of pages.
        """
        used = self._used()
        directory = reverse("therapists:directory")
        chips = []
        for name in self.fields:
            if name not in used:
                continue
            if name in self.TERM_FIELDS:
                text = self._by_slug[name][used[name]].name
            elif name == "format":
                text = FORMATS[used[name]][0]
            elif name == "works_with":
                text = CLIENT_GROUPS[used[name]][0]
            else:
                text = self.CHECKBOX_CHIPS[name]
            remaining = self.data.copy()
            remaining.pop(name, None)
            remaining.pop("page", None)
            url = f"{directory}?{remaining.urlencode()}" if remaining else directory
            chips.append({"label": self.CHIP_LABELS[name], "text": text, "url": url})
        return chips
