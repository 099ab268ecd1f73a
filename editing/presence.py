"""Who else has a change page open: "Sam Jones has had this page open since 14:02".

Opening the change page records the person (EditingPresence); the page's autosave script keeps
it fresh every 30 seconds (a heartbeat when nothing has changed, editing/autosave.py); saving
clears it. Someone not seen for STALE is taken to have left (a closed tab sends nothing).
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from editing.models import EditingPresence

# Two missed heartbeats (every 30 seconds) and a margin.
STALE = timedelta(seconds=90)


def _where(obj):
    return {
        "content_type": ContentType.objects.get_for_model(type(obj)),
        "object_id": str(obj.pk),
    }


def opened(user, obj, now=None):
    """The person opened the page (or is still there): keep when they first opened it."""
    now = now or timezone.now()
    entry = EditingPresence.objects.filter(user=user, **_where(obj)).first()
    if entry is None:
        EditingPresence.objects.create(user=user, opened_at=now, seen_at=now, **_where(obj))
    elif entry.seen_at < now - STALE:
        entry.opened_at = entry.seen_at = now
        entry.save(update_fields=["opened_at", "seen_at"])
    else:
        EditingPresence.objects.filter(pk=entry.pk).update(seen_at=now)


def left(user, obj):
    EditingPresence.objects.filter(user=user, **_where(obj)).delete()


def others(user, obj, now=None):
    """The other people with the page open now, earliest first."""
    now = now or timezone.now()
    return list(
        EditingPresence.objects.filter(seen_at__gte=now - STALE, **_where(obj))
        .exclude(user=user)
        .select_related("user")
    )
