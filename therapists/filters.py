"""The directory's filter form: plain GET parameters, so every result page has a shareable URL.

Unknown or stale values (a modality that was renamed, a hand-edited URL) are dropped, never
turned into an error page: the rest of the filters still apply and the page says so.

"Help me choose" (`ChooseForm`) asks the same things as plain questions; its GET goes straight
to the directory, so answers are never stored. The directory then says on each card why the
therapist matches, and when nobody matches everything, which answer to relax and who is nearest.
"""

from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.urls import reverse

from core.forms import PlainTextFormMixin
from therapists.models import Therapist, availability_cutoff
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


class _OneCheckbox(forms.CheckboxInput):
    """A checkbox that submits `name=1` (e.g. `accepting=1`) rather than the browser's `on`.

    Only that value ticks it: Django's checkbox would read anything but "false" (even "0")
    as ticked.
    """

    VALUE = "1"

    def format_value(self, value):
        return self.VALUE

    def value_from_datadict(self, data, files, name):
        return data.get(name) == self.VALUE


def _lower_first(name):
    """ "Anxiety" -> "anxiety", but "LGBTQ+ identities" and "OCD" stay as they are."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def _one(condition):
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


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
        label="Only therapists accepting new clients", required=False, widget=_OneCheckbox
    )
    reduced_fee = forms.BooleanField(
        label="Only therapists with reduced-fee places", required=False, widget=_OneCheckbox
    )
    evenings = forms.BooleanField(label="Evening sessions", required=False, widget=_OneCheckbox)

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
        "evenings": "",
    }

    # The checkboxes: the therapist field each one requires, and its words on chips and cards.
    FLAGS = {
        "accepting": ("accepting_new_clients", "Accepting new clients"),
        "reduced_fee": ("reduced_fee_places", "Reduced-fee places"),
        "evenings": ("offers_evenings", "Evening sessions"),
    }
    CHECKBOXES = tuple(FLAGS)

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

    def choice_fields(self):
        return [field for field in self if field.name not in self.CHECKBOXES]

    def checkbox_fields(self):
        return [self[name] for name in self.CHECKBOXES]

    @staticmethod
    def flag_condition(name):
        """The condition a checkbox sets: "accepting" is the one rule of Therapist.accepting()
        (ticked and confirmed lately); the others, their field ticked."""
        if name == "accepting":
            return Q(
                accepting_new_clients=True, availability_confirmed_at__gte=availability_cutoff()
            )
        return Q(**{DirectoryFilterForm.FLAGS[name][0]: True})

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
        if used.get("accepting"):
            # Ticked and confirmed lately: an unconfirmed "accepting" does not count.
            queryset = queryset.accepting()
        for name in self.FLAGS:
            if name != "accepting" and used.get(name):
                queryset = queryset.filter(self.flag_condition(name))
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
                text = self.FLAGS[name][1]
            remaining = self.data.copy()
            remaining.pop(name, None)
            remaining.pop("page", None)
            url = f"{directory}?{remaining.urlencode()}" if remaining else directory
            chips.append({"name": name, "label": self.CHIP_LABELS[name], "text": text, "url": url})
        return chips

    # --- Why each therapist matches; the nearest matches when nobody matches everything ---

    def criteria(self):
        """The filters in use as (name, condition, words): the condition is a boolean
        expression on a therapist, the words say it on a card ("Works with anxiety")."""
        used = self._used()
        criteria = []
        for name in self.fields:
            if name not in used:
                continue
            if name in self.TERM_FIELDS:
                relation = self.TERM_FIELDS[name][2]
                term = self._by_slug[name][used[name]]
                link = getattr(Therapist, relation).through.objects.filter(
                    therapist_id=OuterRef("pk"), **{f"{type(term)._meta.model_name}_id": term.pk}
                )
                words = {
                    "modality": f"Practises {term.name}",
                    "concern": f"Works with {_lower_first(term.name)}",
                    "language": f"Speaks {term.name}",
                }[name]
                criteria.append((name, Exists(link), words))
            elif name == "format":
                label, field = FORMATS[used[name]]
                criteria.append((name, Q(**{field: True}), label))
            elif name == "works_with":
                label, field = CLIENT_GROUPS[used[name]]
                criteria.append((name, Q(**{field: True}), f"Works with {label.lower()}"))
            else:
                criteria.append((name, self.flag_condition(name), self.FLAGS[name][1]))
        return criteria

    def match_line(self):
        """Why every therapist in the filtered list matches: "Works with anxiety · Online"."""
        return " · ".join(words for _, _, words in self.criteria())

    def nearest(self, queryset, limit=6):
        """When nobody matches every filter: the therapists matching the most of them, each
        with `matched` and `missed` (the words of the filters it meets and doesn't)."""
        criteria = self.criteria()
        if len(criteria) < 2:
            return []
        annotations = {f"meets_{name}": _one(condition) for name, condition, _ in criteria}
        score = sum(annotations.values(), Value(0))
        nearest = list(
            queryset.annotate(**annotations, match_score=score)
            .filter(match_score__gt=0)
            .order_by("-match_score", "display_order", "name")[:limit]
        )
        for therapist in nearest:
            therapist.matched = [w for n, _, w in criteria if getattr(therapist, f"meets_{n}")]
            therapist.missed = [w for n, _, w in criteria if not getattr(therapist, f"meets_{n}")]
        return nearest

    def relaxations(self, queryset):
        """For each filter in use, how many therapists match all the others (most first), with
        the address of this page without that filter: which answer to relax."""
        criteria = self.criteria()
        if len(criteria) < 2:
            return []
        chips = {chip["name"]: chip for chip in self.chips()}
        counts = {}
        for name, _, _ in criteria:
            others = [_one(condition) for other, condition, _ in criteria if other != name]
            # One query per answer, only on this rare page: meets all the others.
            counts[f"without_{name}"] = (
                queryset.annotate(met=sum(others, Value(0))).filter(met=len(others)).count()
            )
        options = [
            {"words": words, "count": counts[f"without_{name}"], "url": chips[name]["url"]}
            for name, _, words in criteria
            if counts[f"without_{name}"]
        ]
        return sorted(options, key=lambda option: -option["count"])


class ChooseForm(forms.Form):
    """ "Help me choose": five plain questions whose answers are the directory's filters.

    Never stored or posted: the form's GET goes straight to the directory.
    """

    concern = forms.ChoiceField(
        label="What brings you here?", required=False, widget=forms.RadioSelect
    )
    format = forms.ChoiceField(
        label="How would you like to meet?",
        required=False,
        choices=[
            ("in-person", "In person, at the practice"),
            ("online", "Online, by video call"),
            ("telephone", "By phone"),
            ("", "No preference"),
        ],
        widget=forms.RadioSelect,
    )
    modality = forms.ChoiceField(
        label="Is there an approach you would prefer?", required=False, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(label="Which language would you like to speak?", required=False)
    reduced_fee = forms.BooleanField(
        label="A reduced fee (lower-cost places)", required=False, widget=_OneCheckbox
    )
    evenings = forms.BooleanField(
        label="Evening sessions (after 6pm on weekdays)", required=False, widget=_OneCheckbox
    )

    def __init__(self, data=None, terms=None, modalities=(), **kwargs):
        terms = terms if terms is not None else load_terms()
        self.modalities = list(modalities)
        super().__init__(data, **kwargs)
        self.fields["concern"].choices = [(t.slug, t.name) for t in terms["concern"]] + [
            ("", "Not sure, or something else")
        ]
        self.fields["modality"].choices = [(m.slug, m.name) for m in self.modalities] + [
            ("", "Not sure: help me (the therapist will talk it through with you)")
        ]
        self.fields["language"].choices = [("", "Any language")] + [
            (t.slug, t.name) for t in terms["language"]
        ]
        if self.is_bound:
            # Unknown values in a hand-edited address are shown unanswered, never as errors.
            self.data = self.data.copy()
            for name, field in self.fields.items():
                known = {str(key) for key, _ in getattr(field, "choices", [])}
                if known and self.data.get(name) not in known:
                    self.data.pop(name, None)
        for name in ("concern", "format", "modality"):
            if not self.is_bound or name not in self.data:
                self.initial[name] = ""

    def modality_choices(self):
        """The approach radios, each with its modality (summary, page) or None for "not sure"."""
        by_slug = {m.slug: m for m in self.modalities}
        return [(radio, by_slug.get(radio.data["value"])) for radio in self["modality"]]
