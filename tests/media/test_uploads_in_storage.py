"""Uploads live only in the storages (core/media_storage.py), so that several app servers can
share them: the same walk on the file system and, with MEDIA_TEST_BACKEND=s3, on an S3 server."""

import io
import re
import urllib.request
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.admin.importing import IMPORT_SESSION_KEY
from articles.models import KEPT_HERO_IMAGES, PENDING_IMPORTS, Article
from core.media_storage import originals_storage
from tests.factories import make_staff_user

pytestmark = [pytest.mark.media, pytest.mark.django_db]

EXPORT = Path(__file__).resolve().parents[1] / "articles" / "wxr" / "squarespace-export.xml"


def _png(name="lake.png", colour="teal"):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 800), colour).save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def _form(**overrides):
    now = timezone.localtime()
    return {
        "title": "Finding calm",
        "slug": "finding-calm",
        "summary": "How to find a little calm.",
        "body": "## Breathe\n\nSlowly, in and out.",
        "status": "published",
        "publish_at_0": now.strftime("%d/%m/%Y"),
        "publish_at_1": (now - timedelta(minutes=1)).strftime("%H:%M:%S"),
        "author": "",
        "hero_image_alt": "A quiet lake at dawn.",
        "seo_title": "",
        "seo_description": "",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "_save": "Save",
        **overrides,
    }


@pytest.fixture
def editor(client, media_backend):
    user = make_staff_user("editor")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def _shown(url, backend):
    """The bytes a visitor's browser gets for an image address on a page."""
    if backend == "s3":
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - test server
            return response.read(), response.headers
    # On the file system the web server serves MEDIA_ROOT at MEDIA_URL (deploy/nginx.conf).
    assert url.startswith(settings.MEDIA_URL)
    with default_storage.open(url.removeprefix(settings.MEDIA_URL)) as file:
        return file.read(), {}


def _hero_src(html):
    return re.search(r'<img[^>]+src="([^"]+)"[^>]+alt="A quiet lake at dawn\."', html).group(1)


def test_an_upload_through_the_admin_is_stored_and_its_copy_shown(
    editor, client, media_backend, request
):
    response = editor.post(reverse("admin:articles_article_add"), _form(hero_image=_png()))

    assert response.status_code == 302
    article = Article.objects.get()
    assert originals_storage.exists(article.hero_image.name)
    assert default_storage.exists(article.hero_image_display.name)
    if media_backend == "s3":  # in the buckets themselves, as another server sees them
        public, private = request.getfixturevalue("s3_buckets")
        s3 = request.getfixturevalue("s3_server")
        assert s3.keys(private) == [article.hero_image.name]
        assert s3.keys(public) == [article.hero_image_display.name]
    client.logout()
    src = _hero_src(client.get(article.get_absolute_url()).text)
    body, headers = _shown(src, media_backend)
    with Image.open(io.BytesIO(body)) as shown:
        assert (shown.format, shown.width) == ("WEBP", 1200)
        assert not shown.getexif()  # the camera's metadata never reaches a page
    if media_backend == "s3":
        assert "max-age=31536000" in headers["Cache-Control"]


def test_a_replaced_image_is_deleted_after_the_commit_not_before(
    editor, django_capture_on_commit_callbacks
):
    editor.post(reverse("admin:articles_article_add"), _form(hero_image=_png()))
    article = Article.objects.get()
    old = (article.hero_image.name, article.hero_image_display.name)
    change = reverse("admin:articles_article_change", args=[article.pk])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = editor.post(change, _form(hero_image=_png("hills.png", "olive")))
    assert response.status_code == 302
    assert originals_storage.exists(old[0]) and default_storage.exists(old[1])  # not before

    for callback in callbacks:
        callback()
    assert not originals_storage.exists(old[0])
    assert not default_storage.exists(old[1])
    article.refresh_from_db()
    assert default_storage.exists(article.hero_image_display.name)


def test_a_rolled_back_save_keeps_the_files_the_page_shows(
    editor, django_capture_on_commit_callbacks
):
    editor.post(reverse("admin:articles_article_add"), _form(hero_image=_png()))
    article = Article.objects.get()
    shown = (article.hero_image.name, article.hero_image_display.name)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        upload = _png("hills.png", "olive")
        article.hero_image = SimpleUploadedFile(upload.name, upload.getvalue())
        article.save()
        raise RuntimeError("something later in the same request failed")

    article.refresh_from_db()
    assert (article.hero_image.name, article.hero_image_display.name) == shown
    assert originals_storage.exists(shown[0]) and default_storage.exists(shown[1])


def _prune(now, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: now)
    out = StringIO()
    call_command("prune_kept_uploads", stdout=out)
    return out.getvalue()


def test_a_kept_upload_survives_a_form_error_and_is_pruned_by_age(editor, monkeypatch):
    first = editor.post(reverse("admin:articles_article_add"), _form(hero_image=_png(), title=""))
    assert first.status_code == 200 and "Kept: lake.png" in first.text
    kept = [name for name in _listing(KEPT_HERO_IMAGES)]
    assert len(kept) == 1

    token = re.search(r'name="hero_image_kept" value="([^"]+)"', first.text).group(1)
    second = editor.post(reverse("admin:articles_article_add"), _form(hero_image_kept=token))
    assert second.status_code == 302
    article = Article.objects.get()
    assert article.hero_image and default_storage.exists(article.hero_image_display.name)

    # Another form error whose form is never saved again: pruned after a day, not before.
    editor.post(reverse("admin:articles_article_add"), _form(hero_image=_png(), title=""))
    waiting = _listing(KEPT_HERO_IMAGES)
    assert waiting
    now = timezone.now()
    assert "Deleted 0 kept uploads" in _prune(now + timedelta(hours=23), monkeypatch)
    assert _listing(KEPT_HERO_IMAGES) == waiting
    assert "Deleted" in _prune(now + timedelta(hours=25), monkeypatch)
    assert _listing(KEPT_HERO_IMAGES) == []
    assert originals_storage.exists(article.hero_image.name)  # an article's own: never pruned


def _listing(folder):
    try:
        return sorted(originals_storage.listdir(folder)[1])
    except FileNotFoundError:
        return []


def test_the_import_keeps_its_file_in_storage_between_the_two_steps(admin_client, media_backend):
    url = reverse("admin:articles_article_import")
    for _ in range(2):  # checked twice: the second file replaces the first
        with EXPORT.open("rb") as file:
            checked = admin_client.post(url, {"file": file})
    assert checked.status_code == 200 and "Dry run: nothing was saved." in checked.text

    pending = admin_client.session[IMPORT_SESSION_KEY]
    assert set(pending) == {"token", "name"}  # a random name, never a path
    assert "/" not in pending["token"]
    assert _listing(PENDING_IMPORTS) == [f"{pending['token']}.xml"]
    assert not Article.objects.exists()

    done = admin_client.post(url, {"confirm": "1"})
    assert done.status_code == 200 and "Import finished." in done.text
    assert Article.objects.count() == 3
    assert _listing(PENDING_IMPORTS) == []  # gone once imported

    again = admin_client.post(url, {"confirm": "1"})
    assert again.status_code == 400
    assert "The checked file is no longer here: upload it again." in again.text


def test_the_demo_content_is_stored_through_the_storages(media_backend):
    from therapists.models import Therapist

    call_command("load_demo", no_user=True, force=True, stdout=StringIO())

    with_photos = [therapist for therapist in Therapist.objects.all() if therapist.photo]
    assert with_photos
    for therapist in with_photos:
        assert originals_storage.exists(therapist.photo.name)
        assert default_storage.exists(therapist.photo_small.name)
        assert default_storage.exists(therapist.photo_large.name)


APPS = ["core", "editing", "search", "redirects", "articles", "therapists", "enquiries"]
# Only settings (where it is set) and the development URLs (DEBUG serving it, as nginx does).
ALLOWED = {"smarttherapy/settings.py", "smarttherapy/urls.py", "core/media_storage.py"}


def test_no_code_reaches_past_the_storages_to_media_root():
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for app in [*APPS, "smarttherapy"]:
        for path in sorted((root / app).rglob("*.py")):
            name = str(path.relative_to(root))
            text = path.read_text(encoding="utf-8")
            if name not in ALLOWED and re.search(r"MEDIA_ROOT|\.path\(|\bstorage\.path\b", text):
                offenders.append(name)
    assert offenders == []
