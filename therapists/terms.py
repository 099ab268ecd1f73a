"""Modalities, concerns and languages fetched together, in one query.

The directory needs all three lists for its filter form, and a profile needs the three lists
for one therapist. One UNION query instead of three keeps those pages within their query budget.
"""

from django.db.models import CharField, F, IntegerField, Value

from therapists.models import Concern, Language, Modality

KINDS = {"modality": Modality, "concern": Concern, "language": Language}


def load_terms(**filters):
    """{"modality": [...], "concern": [...], "language": [...]}, each list in display order.

    `filters` narrow every list the same way, e.g. `therapists=therapist`.
    """
    parts = []
    for kind, model in KINDS.items():
        order = F("order") if model is Modality else Value(0, output_field=IntegerField())
        parts.append(
            model.objects.filter(**filters)
            .order_by()
            .annotate(
                term_kind=Value(kind, output_field=CharField()),
                term_order=order,
            )
            .values_list("term_kind", "id", "slug", "name", "term_order")
        )
    rows = parts[0].union(*parts[1:], all=True)
    terms = {kind: [] for kind in KINDS}
    for kind, pk, slug, name, order in sorted(rows, key=lambda row: (row[4], row[3].casefold())):
        instance = KINDS[kind](pk=pk, slug=slug, name=name)
        instance._state.adding = False
        instance._state.db = "default"
        if kind == "modality":
            instance.order = order
        terms[kind].append(instance)
    return terms
