"""Writing the index: the entries of objects, from their registration's document().

Called by signals.py when content changes and by `manage.py rebuild_search_index`; the engine
in use (engines.py) writes the rows its way.
"""

from search import engines


def index_objects(reg, objects):
    """Write the entries of `objects` (instances of reg.model)."""
    engine = engines.current()
    for instance in objects:
        engine.write(reg, instance.pk, reg.document(instance))


def reindex(reg, pks):
    """Write the entries of the objects of reg.model with these primary keys (those that
    still exist)."""
    pks = [pk for pk in pks if pk is not None]
    if pks:
        objects = reg.model._default_manager.filter(pk__in=pks).prefetch_related(*reg.prefetch())
        index_objects(reg, objects)


def remove(reg, pk):
    engines.current().remove(reg, pk)


def linked(reg, relation, related_instance):
    """The primary keys of reg.model's objects linked to `related_instance` by `relation`."""
    return list(
        reg.model._default_manager.filter(**{relation: related_instance})
        .order_by()
        .values_list("pk", flat=True)
        .distinct()
    )
