"""Uploads kept across a form that comes back with an error.

Browsers never re-send a chosen file: when a form with an upload fails on another field, the
file would be lost without a word. `keep()` stores it in a private folder (under an originals
folder, which the web server never serves) and returns a signed token for a hidden field;
`reattach()` turns the token back into an upload on the next post, so the person does not
choose it again. Tokens are signed (nobody can point one at another file) and last a day.
"""

import mimetypes
import secrets
from pathlib import PurePosixPath

from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

_SALT = "core.kept_uploads"
MAX_AGE = 24 * 60 * 60


def keep(upload, folder):
    """Store `upload` in `folder` (e.g. "articles/originals/pending/"): (path, token)."""
    upload.seek(0)
    path = default_storage.save(f"{folder}{secrets.token_hex(8)}--{upload.name}", upload)
    return path, signing.dumps(path, salt=_SALT)


def token_for(path):
    return signing.dumps(path, salt=_SALT)


def reattach(token, folder):
    """The kept upload for `token` as (upload, path), or None if the token is not valid."""
    try:
        path = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(path, str) or not path.startswith(folder) or ".." in path:
        return None
    if not default_storage.exists(path):
        return None
    with default_storage.open(path) as stored:
        content = stored.read()
    name = PurePosixPath(path).name.split("--", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return SimpleUploadedFile(name, content, content_type=content_type), path


def discard(path):
    if path and default_storage.exists(path):
        default_storage.delete(path)
