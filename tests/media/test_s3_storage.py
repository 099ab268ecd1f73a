"""MEDIA_STORAGE=s3 against moto's S3 server: originals are private, the copies pages show are
public and kept by browsers and CDNs for a year."""

import io
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from smarttherapy.settings import s3_media_storages
from tests.factories import make_therapist

pytestmark = [pytest.mark.media, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]


def _portrait():
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "A camera maker"  # Make: metadata that must never be public
    Image.new("RGB", (900, 1200), "#88aa99").save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("portrait.jpg", buffer.getvalue(), content_type="image/jpeg")


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - test server
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def test_an_original_is_never_public_and_its_copies_are(s3_buckets, s3_server, client):
    therapist = make_therapist("Ada Lovelace", photo=_portrait(), photo_alt="Ada smiling")
    public, private = s3_buckets

    assert s3_server.keys(private) == [therapist.photo.name]
    original = therapist.photo.url
    assert "X-Amz-Signature=" in original  # staff only ever get a short-lived signed address
    unsigned = original.split("?", 1)[0]
    assert _get(unsigned)[0] == 403
    acl = s3_server.client.get_object_acl(Bucket=private, Key=therapist.photo.name)
    assert not any("AllUsers" in str(grant["Grantee"]) for grant in acl["Grants"])

    html = client.get(therapist.get_absolute_url()).text
    assert unsigned not in html
    status, headers, body = _get(therapist.photo_large.url)
    assert "?" not in therapist.photo_large.url and f'src="{therapist.photo_large.url}"' in html
    assert status == 200 and headers["Content-Type"] == "image/webp"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    with Image.open(io.BytesIO(body)) as shown:
        assert shown.size == (480, 600) and not shown.getexif()


def test_the_same_name_uploaded_twice_never_overwrites(s3_buckets, s3_server):
    first = make_therapist("Ada Lovelace", photo=_portrait(), photo_alt="Ada")
    second = make_therapist("Ben Nowak", photo=_portrait(), photo_alt="Ben")

    assert first.photo.name != second.photo.name
    assert first.photo_large.name != second.photo_large.name
    assert len(s3_server.keys(s3_buckets[0])) == 4


def test_pages_may_show_images_from_the_object_store(monkeypatch):
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "practice-media")
    monkeypatch.setenv("AWS_S3_CUSTOM_DOMAIN", "media.smarttherapy.example")
    storages, origins = s3_media_storages(environ.Env())

    assert origins == ["https://media.smarttherapy.example"]
    assert storages["originals"]["OPTIONS"]["bucket_name"] == "practice-media"
    # Originals are signed by the store itself, never through the public domain or CDN.
    assert "custom_domain" not in storages["originals"]["OPTIONS"]
    assert storages["originals"]["OPTIONS"]["querystring_auth"] is True


def _settings_with(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "MEDIA_"))}
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; "
            "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
        ],
        cwd=ROOT,
        env={**environment, "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_with_object_storage_pages_may_load_images_from_its_domain():
    result = _settings_with(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="practice-media",
        AWS_S3_CUSTOM_DOMAIN="media.smarttherapy.example",
    )
    assert result.stdout.strip().splitlines()[-1] == (
        "[\"'self'\", 'https://media.smarttherapy.example']"
    )


def test_an_unknown_media_storage_stops_the_site_with_a_message():
    result = _settings_with(MEDIA_STORAGE="nfs")
    assert result.returncode != 0
    assert "MEDIA_STORAGE must be filesystem or s3." in result.stderr


def test_without_object_acls_the_originals_need_a_private_bucket_of_their_own(monkeypatch):
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "practice-media")
    monkeypatch.setenv("AWS_DEFAULT_ACL", "")  # R2: the public bucket is public as a whole
    with pytest.raises(ImproperlyConfigured, match="AWS_ORIGINALS_BUCKET_NAME"):
        s3_media_storages(environ.Env())

    monkeypatch.setenv("AWS_ORIGINALS_BUCKET_NAME", "practice-originals")
    storages, _origins = s3_media_storages(environ.Env())
    assert storages["originals"]["OPTIONS"]["bucket_name"] == "practice-originals"
