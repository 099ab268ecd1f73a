from datetime import timedelta

import pytest
from django.utils import timezone

from core import clock as site_clock


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server on a free port, for the media and two-server tests (tests/media/s3.py)."""
    from tests.media.s3 import S3Server

    server = S3Server().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploads made by a test land in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _page_cache_off(settings, tmp_path):
    """The page cache is off unless a test turns it on (tests/performance/ do).

    Otherwise a page cached in one test could be served in the next, whose database rows were
    rolled back without any signal. Each test also gets its own content-generation file.
    """
    settings.PAGE_CACHE_ENABLED = False
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pagecache-generation")


@pytest.fixture(autouse=True)
def _no_waiting_not_found_counts():
    """404 counts wait in memory (redirects.not_found); none carries into another test."""
    from redirects import not_found

    not_found._waiting.clear()
    not_found._since = None
    yield
    not_found._waiting.clear()
    not_found._since = None


class MovableClock:
    """The site's time, moved forward by a test instead of waited for: `clock.advance(61)`."""

    def __init__(self, monkeypatch):
        self.seconds = 0.0
        real_time, real_monotonic, real_now = site_clock.time, site_clock.monotonic, timezone.now
        monkeypatch.setattr(site_clock, "time", lambda: real_time() + self.seconds)
        monkeypatch.setattr(site_clock, "monotonic", lambda: real_monotonic() + self.seconds)
        # Everything of ours reads `timezone.now()` through the module (and localdate() does).
        monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(seconds=self.seconds))

    def advance(self, seconds):
        self.seconds += seconds


@pytest.fixture
def clock(monkeypatch):
    """Time that moves only when the test says so (core.clock and Django's timezone.now())."""
    return MovableClock(monkeypatch)
