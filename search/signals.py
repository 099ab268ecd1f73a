"""Keeping the index up to date: one set of receivers, connected in SearchConfig.ready().

Saves and links are watched for every sender (a model nobody registered costs one dictionary
lookup per save); deletes only for the registered models and the models their entries show,
connected as each registers, so every other model keeps Django's fast deletes. An app may
register in its own ready() before or after this app's. What an entry shows of related objects (a therapist's
approaches) is kept too: renaming, deleting or (un)linking a related object rewrites the
entries that show it.
"""

from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from search import indexing, typos
from search.registry import on_register, registration_for, registrations


def connect():
    uid = "search:index"
    post_save.connect(_saved, weak=False, dispatch_uid=f"{uid}:save")
    m2m_changed.connect(_links_changed, weak=False, dispatch_uid=f"{uid}:links")
    on_register(_watch_deletes)
    connection_created.connect(typos.set_typo_threshold, dispatch_uid="search:typo-threshold")


def _watch_deletes(reg):
    for model in {reg.model, *reg.relations.values()}:
        uid = f"search:index:{model._meta.label_lower}"
        pre_delete.connect(_deleting, sender=model, weak=False, dispatch_uid=f"{uid}:pre-delete")
        post_delete.connect(_deleted, sender=model, weak=False, dispatch_uid=f"{uid}:delete")


def _showing(related_model):
    """(registration, relation) pairs whose entries show objects of `related_model`."""
    return [
        (reg, relation)
        for reg in registrations()
        for relation, model in reg.relations.items()
        if model is related_model and model is not reg.model
    ]


def _through(sender):
    """(registration, relation) pairs whose many-to-many links are kept in `sender`."""
    found = []
    for reg in registrations():
        for relation in reg.relations:
            descriptor = getattr(reg.model, relation)
            if getattr(getattr(descriptor, "rel", None), "through", None) is sender:
                found.append((reg, relation))
    return found


def _saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    reg = registration_for(sender)
    if reg is not None:
        indexing.reindex(reg, [instance.pk])
    if not created:
        for shown_in, relation in _showing(sender):
            indexing.reindex(shown_in, indexing.linked(shown_in, relation, instance))


def _deleting(sender, instance, **kwargs):
    showing = _showing(sender)
    if showing:
        instance.__dict__["_search_pending"] = [
            (reg, indexing.linked(reg, relation, instance)) for reg, relation in showing
        ]


def _deleted(sender, instance, **kwargs):
    reg = registration_for(sender)
    if reg is not None:
        indexing.remove(reg, instance.pk)
    for shown_in, pks in instance.__dict__.pop("_search_pending", []):
        indexing.reindex(shown_in, pks)


def _links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    for reg, relation in _through(sender):
        if isinstance(instance, reg.model):
            if action.startswith("post_"):
                indexing.reindex(reg, [instance.pk])
            continue
        # The other side changed its links: the entries of the objects linked to it.
        key = f"_search_cleared:{reg.label_lower}"
        if action == "pre_clear":
            instance.__dict__[key] = indexing.linked(reg, relation, instance)
        elif action == "post_clear":
            indexing.reindex(reg, instance.__dict__.pop(key, []))
        elif action in ("post_add", "post_remove"):
            indexing.reindex(reg, pk_set or [])
