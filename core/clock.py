"""The time, read in one place: code whose behaviour turns on time passing (the page cache's
next scheduled change, the not-found report's batches) asks this module, not `time`, so tests
move time forward (the `clock` fixture in tests/conftest.py) instead of waiting for it.

Dates and datetimes come from Django's `timezone.now()` as usual; the fixture moves it too."""

import time as _time


def time():
    """Seconds since the epoch: for moments stored and compared across processes."""
    return _time.time()


def monotonic():
    """Seconds on a clock that never goes back: for how long something has waited."""
    return _time.monotonic()
