"""An image kept across a form error, whose form is never saved again, does not stay for ever:
the daily `prune_kept_uploads` deletes it once older than KEPT_UPLOADS_MAX_AGE_HOURS."""

import os
import time
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from articles.models import KEPT_HERO_IMAGES as KEPT_FOLDER
from editing import kept_uploads

HOUR = 60 * 60


def _kept(name, hours_ago):
    path, _token = kept_uploads.keep(SimpleUploadedFile(name, b"an image"), KEPT_FOLDER)
    then = time.time() - hours_ago * HOUR
    os.utime(default_storage.path(path), (then, then))
    return path


def _prune(*args):
    out = StringIO()
    call_command("prune_kept_uploads", *args, stdout=out)
    return out.getvalue()


def test_kept_images_older_than_a_day_are_deleted_and_younger_ones_kept():
    abandoned = _kept("lake.jpg", hours_ago=25)
    waiting = _kept("hills.jpg", hours_ago=23)

    assert "Deleted 1 kept upload older than 24 hours" in _prune()

    assert not default_storage.exists(abandoned)
    assert default_storage.exists(waiting)
    assert kept_uploads.reattach(kept_uploads.token_for(waiting), KEPT_FOLDER) is not None


def test_the_age_limit_is_a_setting(settings):
    settings.KEPT_UPLOADS_MAX_AGE_HOURS = 2
    old = _kept("lake.jpg", hours_ago=3)
    young = _kept("hills.jpg", hours_ago=1)

    _prune()

    assert not default_storage.exists(old)
    assert default_storage.exists(young)


def test_a_dry_run_only_counts():
    path = _kept("lake.jpg", hours_ago=48)

    assert "Would delete 1 kept upload" in _prune("--dry-run")
    assert default_storage.exists(path)


def test_only_kept_uploads_are_pruned_never_an_articles_own_image():
    own = default_storage.save("articles/originals/hero.jpg", SimpleUploadedFile("h.jpg", b"x"))
    then = time.time() - 100 * HOUR
    os.utime(default_storage.path(own), (then, then))

    assert "Deleted 0 kept uploads" in _prune()
    assert default_storage.exists(own)


def test_nothing_kept_yet_is_not_an_error():
    assert "Deleted 0 kept uploads" in _prune()


def test_a_limit_below_one_hour_is_refused(settings):
    settings.KEPT_UPLOADS_MAX_AGE_HOURS = 0
    path = _kept("lake.jpg", hours_ago=0)

    with pytest.raises(CommandError, match="1 or more"):
        _prune()
    assert default_storage.exists(path)
