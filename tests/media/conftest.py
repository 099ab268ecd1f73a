"""The media tests run on the file system, or, with MEDIA_TEST_BACKEND=s3, on moto's S3 server
(.ci/run runs them both ways)."""

import os

import pytest


@pytest.fixture
def s3_buckets(s3_server, settings, monkeypatch):
    """Uploads of this test go to two empty buckets on the S3 server: (public, private)."""
    public, private = s3_server.new_buckets()
    settings.STORAGES = {**settings.STORAGES, **s3_server.storages(public, private, monkeypatch)}
    return public, private


@pytest.fixture
def media_backend(request):
    """The backend this run tests: "filesystem" (a temporary MEDIA_ROOT) or "s3"."""
    backend = os.environ.get("MEDIA_TEST_BACKEND", "filesystem")
    if backend == "s3":
        request.getfixturevalue("s3_buckets")
    elif backend != "filesystem":
        pytest.fail(f"MEDIA_TEST_BACKEND is filesystem or s3, not {backend!r}")
    return backend


@pytest.fixture(autouse=True)
def _no_sign_off_needed(settings):
    """These tests publish articles to follow their files; the clinical sign-off has its own
    tests (tests/articles/test_sign_off.py)."""
    settings.CLINICAL_REVIEW_REQUIRED = False
