"""Redis down while CACHE_URL points at it: pages still answer, uncached, and it is logged."""

import logging
import socket

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import make_article, make_therapist


def dead_port():
    """A local port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{dead_port()}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    settings.PAGE_CACHE_ENABLED = True  # the page cache would use Redis too
    assert settings.DJANGO_REDIS_IGNORE_EXCEPTIONS


def test_pages_keep_answering_when_redis_is_down(client, db, redis_down, caplog):
    article = make_article("Quiet evenings")
    therapist = make_therapist("Lee Park")
    with caplog.at_level(logging.WARNING):
        for url in (
            "/",
            reverse("articles:list"),
            article.get_absolute_url(),
            reverse("therapists:directory"),
            therapist.get_absolute_url(),
        ):
            first, second = client.get(url), client.get(url)
            assert first.status_code == second.status_code == 200, url
    # The cache really is unreachable: nothing is stored, and each failure is logged.
    cache.set("probe", 1)
    assert cache.get("probe") is None
    failures = [r for r in caplog.records if r.name.startswith("django_redis")]
    assert failures
    assert all(r.levelno >= logging.WARNING for r in failures)
