"""What is searchable, declared by the apps that own it, and kept in the index by signals.

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
  plain text. The "A" fields are the entry's names: typo tolerance (PostgreSQL) and "Did you
  mean" suggestions work on them (each approach, concern and topic has its own entry, so a
  typo finds it, and from it the therapists and articles about it).
- `card(instance)` returns what a result shows (JSON-serialisable: strings, numbers, lists).
  Addresses go in as `link("app:name", slug=...)`: they are reversed when the page is shown,
  so saving content never depends on the URLconf (and a changed URL needs no re-index).
- Objects of several models may share a `kind` (one group of results, e.g. topics and
  concerns); they then share `label` and `order`.
- `suggest`: whether its names are offered as "Did you mean" suggestions.

Saving or deleting an object updates its entry; changing a related object (renaming a modality,
or linking one) updates the entries that show it. Changes made with `QuerySet.update()` or raw
SQL send no signal: run `manage.py rebuild_search_index` after them.
"""

import html
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils.html import strip_tags

WEIGHTS = ("A", "B", "C")
_registry = {}


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
    return _registry.get(model._meta.label_lower)


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
):
    """Declare `model` searchable (see the module's docstring). Call from AppConfig.ready()."""
    unknown = {weight for weight in fields.values() if weight not in WEIGHTS}
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
        relations=relations,
    )
    _registry[reg.label_lower] = reg
    _connect(reg)
    return reg


# --- Keeping the index up to date -----------------------------------------------------------


def index_objects(reg, objects):
    """Write the entries of `objects` (instances of reg.model)."""
    from search import engines

    for instance in objects:
        engines.current().write(reg, instance.pk, reg.document(instance))


def reindex(reg, pks):
    pks = [pk for pk in pks if pk is not None]
    if pks:
        objects = reg.model._default_manager.filter(pk__in=pks).prefetch_related(*reg.prefetch())
        index_objects(reg, objects)


def _connect(reg):
    model = reg.model
    uid = f"search:{reg.label_lower}"

    def saved(sender, instance, raw=False, **kwargs):
        if not raw:
            reindex(reg, [instance.pk])

    def deleted(sender, instance, **kwargs):
        from search import engines

        engines.current().remove(reg, instance.pk)

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}:save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}:delete")

    for relation, related_model in reg.relations.items():
        descriptor = getattr(model, relation)
        through = getattr(getattr(descriptor, "rel", None), "through", None)
        if through is not None:
            m2m_changed.connect(
                _links_changed(reg, relation),
                sender=through,
                weak=False,
                dispatch_uid=f"{uid}:{relation}:links",
            )
        if related_model is model:
            continue

        def related_saved(sender, instance, created=False, raw=False, _relation=relation, **kw):
            if not raw and not created:
                reindex(reg, _linked(reg, _relation, instance))

        def related_deleting(sender, instance, _relation=relation, **kwargs):
            pending = instance.__dict__.setdefault("_search_pending", {})
            pending[reg.label_lower] = _linked(reg, _relation, instance)

        def related_deleted(sender, instance, **kwargs):
            pending = instance.__dict__.get("_search_pending", {})
            reindex(reg, pending.pop(reg.label_lower, []))

        related_uid = f"{uid}:{relation}"
        post_save.connect(
            related_saved, sender=related_model, weak=False, dispatch_uid=f"{related_uid}:save"
        )
        pre_delete.connect(
            related_deleting, sender=related_model, weak=False, dispatch_uid=f"{related_uid}:pre"
        )
        post_delete.connect(
            related_deleted, sender=related_model, weak=False, dispatch_uid=f"{related_uid}:post"
        )


def _linked(reg, relation, related_instance):
    return list(
        reg.model._default_manager.filter(**{relation: related_instance})
        .order_by()
        .values_list("pk", flat=True)
        .distinct()
    )


def _links_changed(reg, relation):
    def changed(sender, instance, action, reverse, model, pk_set, **kwargs):
        if isinstance(instance, reg.model):
            if action.startswith("post_"):
                reindex(reg, [instance.pk])
            return
        # The other side changed its links: the entries of the objects linked to it.
        if action == "pre_clear":
            instance.__dict__["_search_cleared"] = _linked(reg, relation, instance)
        elif action == "post_clear":
            reindex(reg, instance.__dict__.pop("_search_cleared", []))
        elif action in ("post_add", "post_remove"):
            reindex(reg, pk_set or [])

    return changed


def vendor():
    return connection.vendor
