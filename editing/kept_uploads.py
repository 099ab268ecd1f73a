"""Uploads kept across a form that comes back with an error.

Browsers never re-send a chosen file: when a form with an upload fails on another field, the
file would be lost without a word. `keep()` stores it in the private storage of originals
(core/media_storage.py: the web server never serves it; shared by every app server) and returns a signed token for a hidden field;
`reattach()` turns the token back into an upload on the next post, so the person does not
choose it again. Tokens are signed (nobody can point one at another file) and last
KEPT_UPLOADS_MAX_AGE_HOURS (a day by default).

A file whose form is never saved again stays behind: apps declare their folders with
`register_folder()` (from AppConfig.ready()), and the daily `manage.py prune_kept_uploads`
deletes files there older than KEPT_UPLOADS_MAX_AGE_HOURS, never a younger one.
"""

import mimetypes
import secrets
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile

from core.media_storage import originals_storage as storage

_SALT = "editing.kept_uploads"
_folders = []


def register_folder(folder):
    """Declare a folder where an app keeps uploads (e.g. "articles/originals/pending/")."""
    if folder not in _folders:
        _folders.append(folder)
    return folder


def max_age():
    return timedelta(hours=settings.KEPT_UPLOADS_MAX_AGE_HOURS)


def keep(upload, folder):
    """Store `upload` in `folder` (e.g. "articles/originals/pending/"): (path, token)."""
    upload.seek(0)
    path = storage.save(f"{folder}{secrets.token_hex(8)}--{upload.name}", upload)
    return path, signing.dumps(path, salt=_SALT)


def token_for(path):
    return signing.dumps(path, salt=_SALT)


def reattach(token, folder):
    """The kept upload for `token` as (upload, path), or None if the token is not valid."""
    try:
        path = signing.loads(token, salt=_SALT, max_age=max_age())
    except signing.BadSignature:
        return None
    if not isinstance(path, str) or not path.startswith(folder) or ".." in path:
        return None
    if not storage.exists(path):
        return None
    with storage.open(path) as stored:
        content = stored.read()
    name = PurePosixPath(path).name.split("--", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return SimpleUploadedFile(name, content, content_type=content_type), path


def discard(path):
    if path:
        storage.delete(path)  # a name already gone is no error


def abandoned(now):
    """The kept files, in every registered folder, last written before `now - max_age()`.
    A file whose time the storage cannot tell is never listed."""
    cutoff = now - max_age()
    for folder in _folders:
        try:
            _, names = storage.listdir(folder)
        except FileNotFoundError:
            continue  # nothing was ever kept there
        for name in sorted(names):
            path = f"{folder}{name}"
            try:
                modified = storage.get_modified_time(path)
            except (NotImplementedError, OSError):
                continue
            if modified < cutoff:
                yield path
