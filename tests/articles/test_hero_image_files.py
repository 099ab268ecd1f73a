"""A hero image's files: the original is never served, and replaced or deleted files are removed
once the change is committed (an original may carry the camera's metadata, e.g. where it was
taken)."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def _png(name="hero.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 800), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _saved_with_hero():
    article = make_article(hero_image=_png(), hero_image_alt="A quiet lake at dawn.")
    return Article.objects.get(pk=article.pk)  # as the admin loads it


def _names(article):
    return [article.hero_image.name, article.hero_image_display.name]


def test_originals_are_kept_apart_from_what_pages_show():
    article = _saved_with_hero()
    assert article.hero_image.name.startswith("articles/originals/")
    assert not article.hero_image_display.name.startswith("articles/originals/")


def test_nginx_never_serves_an_original_hero_image():
    conf = (Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf").read_text()
    location = re.search(r"location \^~ /media/articles/originals/ \{([^}]*)\}", conf)
    assert location, "nginx.conf needs a location for /media/articles/originals/"
    assert location.group(1).strip() == "return 404;"
    # Originals uploaded before they had their own folder: straight under articles/.
    legacy = re.search(r"location ~ \^/media/articles/\[\^/\]\+\$ \{([^}]*)\}", conf)
    assert legacy, "nginx.conf needs a location for files straight under /media/articles/"
    assert legacy.group(1).strip() == "return 404;"


def test_replacing_the_hero_image_deletes_the_old_files_once_committed(
    django_capture_on_commit_callbacks,
):
    article = _saved_with_hero()
    old = _names(article)
    storage = article.hero_image.storage
    with django_capture_on_commit_callbacks(execute=True):
        article.hero_image = _png("new.png")
        article.save()
        assert all(storage.exists(name) for name in old)  # not before the commit
    assert not any(storage.exists(name) for name in old)
    assert all(storage.exists(name) for name in _names(article))


def test_clearing_the_hero_image_deletes_its_files(django_capture_on_commit_callbacks):
    article = _saved_with_hero()
    old = _names(article)
    storage = article.hero_image.storage
    with django_capture_on_commit_callbacks(execute=True):
        article.hero_image = None
        article.save()
    assert not any(storage.exists(name) for name in old)


def test_saving_without_a_new_image_keeps_its_files(django_capture_on_commit_callbacks):
    article = _saved_with_hero()
    storage = article.hero_image.storage
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "A new title"
        article.save()
    assert all(storage.exists(name) for name in _names(article))


def test_the_old_image_stays_whole_if_the_save_is_rolled_back(django_capture_on_commit_callbacks):
    article = _saved_with_hero()
    shown = _names(article)
    storage = article.hero_image.storage
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        article.hero_image = _png("new.png")
        article.save()
        raise RuntimeError("something later in the same request failed")
    assert _names(Article.objects.get(pk=article.pk)) == shown
    assert all(storage.exists(name) for name in shown)


def test_an_image_file_another_article_uses_is_never_deleted(django_capture_on_commit_callbacks):
    article = _saved_with_hero()
    shared = article.hero_image.name
    other = make_article(title="Another article")
    Article.objects.filter(pk=other.pk).update(hero_image=shared)  # e.g. restored from a backup
    with django_capture_on_commit_callbacks(execute=True):
        article.hero_image = None
        article.save()
    assert article.hero_image.storage.exists(shared)


def test_deleting_articles_in_the_admin_deletes_their_image_files(
    admin_client, django_capture_on_commit_callbacks
):
    article = _saved_with_hero()
    names = _names(article)
    storage = article.hero_image.storage
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not any(storage.exists(name) for name in names)


def test_a_save_of_other_fields_leaves_a_new_image_and_its_files_alone():
    article = _saved_with_hero()
    shown = _names(article)
    article.hero_image = _png("new.png")
    article.title = "Only the title is saved"
    article.save(update_fields=["title"])

    stored = Article.objects.get(pk=article.pk)
    assert stored.title == "Only the title is saved"
    assert _names(stored) == shown
    display_folder = Path(article.hero_image.storage.path("articles/display"))
    assert sorted(p.name for p in display_folder.iterdir()) == [Path(shown[1]).name]
