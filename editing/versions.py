"""Versions of the content staff edit (django-reversion): which models keep them, and what goes
with an object when it is deleted.

Apps register their models in their AppConfig.ready() with `register()`; their ModelAdmin
inherits `editing.revisions.RevisionAdmin`. Revisions go with their object (a deleted therapist's
history is deleted too); otherwise they are kept, unless `manage.py prune_revisions` removes
those older than REVISIONS_KEEP_DAYS.
"""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Revision, Version

# What each registered model follows (its `follow` option), kept here rather than read back
# from reversion's private registry.
_FOLLOWS = {}


def register(model, followed_only=False, **options):
    """Keep revisions of `model` (options as for reversion.register); delete them with it.

    Called from an app's AppConfig.ready(). The admin (loaded earlier) may already have
    registered the model with its defaults; these options replace them. A model kept only as
    part of another's revisions (`followed_only`, e.g. a therapist's memberships) keeps its
    versions when it is deleted, so that a restore can bring it back; they are deleted with the
    object that follows it.
    """
    if reversion.is_registered(model):
        reversion.unregister(model)
    reversion.register(model, **options)
    _FOLLOWS[model] = tuple(options.get("follow", ()))
    if not followed_only:
        post_delete.connect(
            delete_history, sender=model, dispatch_uid=f"revisions:{model._meta.label}"
        )


def follows(model):
    """The relations (names) whose objects are kept in `model`'s revisions."""
    return _FOLLOWS.get(model, ())


def delete_history(sender, instance, using, **kwargs):
    """An object's revisions go with it: an erasure request leaves no copy in its history,
    nor in its followed objects' versions (a therapist's memberships)."""
    versions = Version.objects.using(using).get_for_object(instance, model_db=using)
    revision_ids = list(versions.values_list("revision_id", flat=True))
    versions.delete()
    for name in follows(sender):
        relation = sender._meta.get_field(name)
        content_type = ContentType.objects.db_manager(using).get_for_model(relation.related_model)
        followed = Version.objects.using(using).filter(
            revision_id__in=revision_ids, content_type=content_type
        )
        attname = relation.field.attname
        Version.objects.using(using).filter(
            pk__in=[v.pk for v in followed if str(v.field_dict.get(attname)) == str(instance.pk)]
        ).delete()
    Revision.objects.using(using).filter(pk__in=revision_ids, version__isnull=True).delete()
    # Autosaved drafts of it too (a model of this module's app, looked up by label).
    from editing.models import AutosavedDraft, EditingPresence

    for model in (AutosavedDraft, EditingPresence):
        model.objects.using(using).filter(
            content_type=ContentType.objects.db_manager(using).get_for_model(sender),
            object_id=str(instance.pk),
        ).delete()


def latest_version_id(obj):
    """The id of the newest stored version of `obj`, or 0 if it has none."""
    return (
        Version.objects.get_for_object(obj).order_by("-pk").values_list("pk", flat=True).first()
        or 0
    )


BASELINE = (
    "As it was before its first save in the admin (made or changed outside the admin: "
    "imported, loaded as demo content or typed in the shell)."
)


def has_versions(model, object_id):
    return Version.objects.get_for_object_reference(model, object_id).exists()


def keep_baseline(obj):
    """Give `obj` a first version, as it is stored now, if it has none (it was made outside the
    admin). Forms opened on it then carry that version as their base, so saves of different
    fields merge (editing/conflicts.py), and the text as imported can be restored. The version
    is nobody's save: no user, dated when the object last changed if the model says so."""
    model = type(obj)
    with transaction.atomic():
        # Two people opening it at once make one baseline: the second waits, then finds it.
        stored = model._default_manager.select_for_update().filter(pk=obj.pk).first()
        if stored is None or latest_version_id(stored):
            return
        with reversion.create_revision():
            reversion.add_to_revision(stored)
            reversion.set_comment(BASELINE)
            changed = getattr(stored, "updated_at", None)
            if changed is not None:
                reversion.set_date_created(changed)


def when(moment):
    """A date and time as the editor reads it, in the practice's time zone."""
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def related_versions(version, model):
    """Followed related objects (e.g. a therapist's memberships) in the version's revision."""
    for name in follows(model):
        relation = model._meta.get_field(name)
        related_model = relation.related_model
        fk = relation.field
        content_type = ContentType.objects.get_for_model(related_model)
        versions = [
            v
            for v in version.revision.version_set.filter(content_type=content_type)
            if str(v.field_dict.get(fk.attname)) == str(version.object_id)
        ]
        yield name, related_model, versions
