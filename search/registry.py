"""What is searchable, declared by the apps that own it (declarations only: indexing.py writes
the index, signals.py keeps it up to date).

An app calls `register()` from its AppConfig.ready():

    search.register(
        Recipe,
        kind="recipes",
        label="Recipes",
        order=40,
        queryset=lambda: Recipe.objects.published(),
        fields={"title": "A", "summary": "B", "tags__name": "B", "method_html": "C"},
        card=recipe_card,
        template="search/includes/cards/recipe.html",
    )

- `queryset` is the app's visibility rule: a search only ever returns objects in it.
- `fields` maps attributes to weights: "A" (titles and names), "B" (summaries, approaches,
  concerns, topics), "C" (bodies and biographies). `relation__attribute` takes that attribute
  of every related object (a many-to-many or reverse relation); `*_html` fields are read as
  plain text. The "A" fields are the entry's names: typos are corrected to their words
  (each approach, concern and topic has its own entry, so a corrected typo finds it, and
  from it the therapists and articles about it).
- `card(instance)` returns what a result shows (JSON-serialisable: strings, numbers, lists).
  Addresses go in as `link("app:name", slug=...)`: they are reversed when the page is shown,
  so saving content never depends on the URLconf (and a changed URL needs no re-index).
- Objects of several models may share a `kind` (one group of results, e.g. topics and
  concerns); they then share `label` and `order`.
- `extra`: {weight: function(instance) -> list of texts} for what is not a field, such as a
  therapist's facts in words ("Online sessions", "Evening appointments"). What they read must
  be the object's own fields or the relations in `fields`, so that changes update the entry.
- `suggest`: whether its names' words are used to correct typos (search/spelling.py);
  `people`: its names are people's, used only when a query looks like a name.

Saving or deleting an object updates its entry; changing a related object (renaming a modality,
or linking one) updates the entries that show it (signals.py, connected once in
SearchConfig.ready() and reading this registry when a signal comes). Changes made with
`QuerySet.update()` or raw SQL send no signal: run `manage.py rebuild_search_index` after them.
"""

import html
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import strip_tags

WEIGHTS = ("A", "B", "C")
_registry = {}
_listeners = []  # callables told of each registration (search.signals)


@dataclass
class Registration:
    model: Any
    kind: str
    label: str
    order: int
    queryset: Any
    fields: dict
    card: Any
    template: str
    suggest: bool = True
    people: bool = False
    extra: dict = field(default_factory=dict)  # weight -> function(instance) -> texts
    relations: dict = field(default_factory=dict)  # relation name -> related model

    @property
    def label_lower(self):
        return self.model._meta.label_lower

    def visible(self):
        return self.queryset()

    def prefetch(self):
        return list(self.relations)

    def document(self, instance):
        """The entry's columns for `instance`."""
        texts = {weight: [] for weight in WEIGHTS}
        names = []
        for path, weight in self.fields.items():
            values = _values(instance, path)
            texts[weight] += values
            if weight == "A":
                names += values
        for weight, function in self.extra.items():
            texts[weight] += [" ".join(text.split()) for text in function(instance) if text]
        title = " ".join(texts["A"]) or str(instance)
        return {
            "kind": self.kind,
            "title": title[:300],
            "names": "\n".join(names),
            "text_a": "\n".join(texts["A"]),
            "text_b": "\n".join(texts["B"]),
            "text_c": "\n".join(texts["C"]),
            "card": self.card(instance),
        }


def _plain(name, value):
    if value is None:
        return ""
    text = str(value)
    if name.endswith("_html"):
        text = html.unescape(strip_tags(text))
    return " ".join(text.split())


def _values(instance, path):
    if "__" not in path:
        text = _plain(path, getattr(instance, path))
        return [text] if text else []
    relation, attribute = path.split("__", 1)
    related = getattr(instance, relation)
    objects = related.all() if hasattr(related, "all") else [related] if related else []
    return [text for obj in objects if (text := _plain(attribute, getattr(obj, attribute)))]


def link(url_name, query=None, **kwargs):
    """An address for a card: reversed when the result is shown (see service._card)."""
    return {"reverse": url_name, "kwargs": kwargs, "query": query or {}}


def registrations():
    """Every registration, in the order their groups are shown."""
    return sorted(_registry.values(), key=lambda reg: (reg.order, reg.kind, reg.label_lower))


def registration_for(model):
    """The registration of `model` itself: a migration's historical model of the same name
    (which may lack today's columns) has none."""
    reg = _registry.get(model._meta.label_lower)
    return reg if reg is not None and reg.model is model else None


def on_register(callback):
    """Call `callback(registration)` for every registration, made already or to come."""
    _listeners.append(callback)
    for reg in registrations():
        callback(reg)


def kinds():
    """{kind: (label, order)} in display order."""
    found = {}
    for reg in registrations():
        found.setdefault(reg.kind, (reg.label, reg.order))
    return found


def register(
    model,
    *,
    kind,
    label,
    queryset,
    fields,
    card,
    template,
    order=100,
    suggest=True,
    people=False,
    extra=None,
):
    """Declare `model` searchable (see the module's docstring). Call from AppConfig.ready()."""
    unknown = {weight for weight in fields.values() if weight not in WEIGHTS}
    unknown |= {weight for weight in (extra or {}) if weight not in WEIGHTS}
    if unknown:
        raise ValueError(f"Search weights are A, B or C, not {sorted(unknown)}")
    relations = {}
    for path in fields:
        if "__" in path:
            name = path.split("__", 1)[0]
            relations[name] = model._meta.get_field(name).related_model
    reg = Registration(
        model=model,
        kind=kind,
        label=label,
        order=order,
        queryset=queryset,
        fields=dict(fields),
        card=card,
        template=template,
        suggest=suggest,
        people=people,
        extra=dict(extra or {}),
        relations=relations,
    )
    _registry[reg.label_lower] = reg
    for callback in _listeners:
        callback(reg)
    return reg
