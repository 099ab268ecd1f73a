"""The "Not found" report's counts, gathered in memory and written in batches: a flood of 404s
(robots trying addresses) costs the database one batch a minute per process, not a write each.

Counts are written by the first request a process serves after they have waited FLUSH_SECONDS,
as soon as FLUSH_PATHS different paths are waiting, when staff open the report (in that
process) and when the process stops."""

import atexit
import logging
import threading

from django.db import DatabaseError
from django.utils import timezone

from core import clock
from redirects.models import NotFoundPath
from redirects.paths import report_path

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 60
FLUSH_PATHS = 200

_lock = threading.Lock()
_waiting = {}  # path -> [hits, first seen, last seen]
_since = None  # monotonic time of the oldest waiting count


def count(path):
    """Count one 404 for `path` (`request.path`), as `report_path()` cleans it; nothing for a
    path it refuses. Write the waiting counts if they are due."""
    global _since
    path = report_path(path)
    if not path:
        return
    now = timezone.now()
    with _lock:
        seen = _waiting.setdefault(path, [0, now, now])
        seen[0] += 1
        seen[2] = now
        if _since is None:
            _since = clock.monotonic()
        many = len(_waiting) >= FLUSH_PATHS
    if many:
        flush()
    else:
        flush_if_due()


def flush_if_due():
    """Write the waiting counts if the oldest has waited FLUSH_SECONDS. Run on every request
    (a comparison, without the lock: flush() takes it), so counts never wait for a next 404."""
    since = _since
    if since is not None and clock.monotonic() - since >= FLUSH_SECONDS:
        flush()


def flush():
    """Write the waiting counts to the report now (the admin's report page does this first)."""
    global _since
    with _lock:
        batch = {path: tuple(seen) for path, seen in _waiting.items()}
        _waiting.clear()
        _since = None
    if not batch:
        return
    try:
        NotFoundPath.objects.record(batch)
    except DatabaseError:
        # A report, not a record anyone relies on: a lost minute of counts is only logged.
        logger.warning("Could not write %d not-found counts", len(batch), exc_info=True)


def _flush_on_exit():
    try:
        flush()
    except Exception:  # the database may already be gone when the process stops
        logger.warning("Could not write the not-found counts on exit", exc_info=True)


atexit.register(_flush_on_exit)
