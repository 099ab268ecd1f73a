import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from core import images
from tests.factories import make_therapist
from tests.therapists.conftest import image_upload

pytestmark = pytest.mark.django_db


def dimensions(field_file):
    field_file.open("rb")
    try:
        with Image.open(field_file) as image:
            return image.format, image.size
    finally:
        field_file.close()


def test_an_uploaded_photo_is_resized_to_the_two_sizes_pages_use(db):
    therapist = make_therapist(photo=image_upload(), photo_alt="Ada smiling")
    therapist.refresh_from_db()
    assert dimensions(therapist.photo_small) == ("WEBP", (200, 250))
    assert dimensions(therapist.photo_large) == ("WEBP", (480, 600))


def test_a_landscape_or_small_photo_still_fills_the_portrait_frame(db):
    therapist = make_therapist(photo=image_upload(size=(300, 120), image_format="PNG"))
    assert dimensions(therapist.photo_small)[1] == (200, 250)
    assert dimensions(therapist.photo_large)[1] == (480, 600)


def test_replacing_the_photo_replaces_the_resized_copies(db, django_capture_on_commit_callbacks):
    therapist = make_therapist(photo=image_upload(colour="#ff0000"))
    old_small = therapist.photo_small.name
    storage = therapist.photo_small.storage
    with django_capture_on_commit_callbacks(execute=True):
        therapist.photo = image_upload(name="new.png", image_format="PNG", colour="#0000ff")
        therapist.save()
    assert therapist.photo_small.name != old_small
    assert not storage.exists(old_small)
    therapist.photo_small.open("rb")
    with Image.open(therapist.photo_small) as image:
        red, green, blue = image.convert("RGB").getpixel((100, 125))
    therapist.photo_small.close()
    assert blue > 200 and red < 50


def test_saving_without_a_new_photo_keeps_the_resized_copies(db):
    therapist = make_therapist(photo=image_upload())
    small, large = therapist.photo_small.name, therapist.photo_large.name
    reloaded = type(therapist).objects.get(pk=therapist.pk)
    reloaded.title = "Senior Psychotherapist"
    reloaded.save()
    assert (reloaded.photo_small.name, reloaded.photo_large.name) == (small, large)


def test_pages_never_send_the_original_upload(client, db):
    therapist = make_therapist(photo=image_upload(), photo_alt="Ada smiling")
    for url in (therapist.get_absolute_url(), "/therapists/"):
        html = client.get(url).text
        assert therapist.photo.url not in html
    assert (
        f'src="{therapist.photo_large.url}" alt="Ada smiling"'
        in client.get(therapist.get_absolute_url()).text
    )
    card = client.get("/therapists/").text
    assert f'src="{therapist.photo_small.url}"' in card
    # Phones with sharp screens pick the 480 px rendition; still never the original.
    assert f"{therapist.photo_small.url} 200w, {therapist.photo_large.url} 480w" in card
    assert 'alt="Ada smiling"' in card


def test_a_file_that_is_not_an_image_is_refused_with_a_message(db):
    therapist = make_therapist()
    therapist.photo = SimpleUploadedFile("cv.jpg", b"%PDF-1.4 not a photo", "image/jpeg")
    therapist.photo_alt = "A photo"
    with pytest.raises(ValidationError) as error:
        therapist.full_clean()
    assert "not a photo we can use" in str(error.value)


def test_a_photo_needs_a_description(db):
    therapist = make_therapist()
    therapist.photo = image_upload()
    with pytest.raises(ValidationError) as error:
        therapist.full_clean()
    assert "photo_alt" in error.value.message_dict


def test_replacing_the_photo_deletes_the_old_original(db, django_capture_on_commit_callbacks):
    therapist = make_therapist(photo=image_upload(), photo_alt="Ada smiling")
    reloaded = type(therapist).objects.get(pk=therapist.pk)
    old_original = reloaded.photo.name
    storage = reloaded.photo.storage
    assert old_original.startswith("therapists/originals/")
    with django_capture_on_commit_callbacks(execute=True):
        reloaded.photo = image_upload(name="new.png", image_format="PNG")
        reloaded.save()
    assert storage.exists(reloaded.photo.name)
    assert not storage.exists(old_original)


def test_clearing_the_photo_deletes_the_original(db, django_capture_on_commit_callbacks):
    therapist = make_therapist(photo=image_upload(), photo_alt="Ada smiling")
    original = therapist.photo.name
    storage = therapist.photo.storage
    with django_capture_on_commit_callbacks(execute=True):
        therapist.photo = None
        therapist.save()
    assert not storage.exists(original)
    assert not therapist.photo_small and not therapist.photo_large


def test_the_old_photo_stays_whole_if_the_save_is_rolled_back(
    db, django_capture_on_commit_callbacks
):
    therapist = make_therapist(photo=image_upload(), photo_alt="Ada smiling")
    therapist = type(therapist).objects.get(pk=therapist.pk)
    shown = [therapist.photo.name, therapist.photo_small.name, therapist.photo_large.name]
    storage = therapist.photo.storage
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        therapist.photo = image_upload(name="new.png", image_format="PNG")
        therapist.save()
        raise RuntimeError("something later in the same request failed")
    stored = type(therapist).objects.get(pk=therapist.pk)
    assert [stored.photo.name, stored.photo_small.name, stored.photo_large.name] == shown
    assert all(storage.exists(name) for name in shown)


def test_replacing_the_photo_deletes_the_old_resized_copies_once_committed(
    db, django_capture_on_commit_callbacks
):
    therapist = make_therapist(photo=image_upload(), photo_alt="Ada smiling")
    therapist = type(therapist).objects.get(pk=therapist.pk)
    old_copies = [therapist.photo_small.name, therapist.photo_large.name]
    storage = therapist.photo.storage
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        therapist.photo = image_upload(name="new.png", image_format="PNG")
        therapist.save()
        assert all(storage.exists(name) for name in old_copies)  # not before the commit
    assert callbacks
    assert not any(storage.exists(name) for name in old_copies)
    assert storage.exists(therapist.photo_small.name) and storage.exists(therapist.photo_large.name)


def test_a_photo_file_another_therapist_uses_is_never_deleted(
    db, django_capture_on_commit_callbacks
):
    ada = make_therapist("Ada Jones", photo=image_upload(), photo_alt="Ada smiling")
    shared = ada.photo.name
    ben = make_therapist("Ben Ode")
    type(ben).objects.filter(pk=ben.pk).update(photo=shared)  # e.g. restored from a backup
    storage = ada.photo.storage
    with django_capture_on_commit_callbacks(execute=True):
        ada = type(ada).objects.get(pk=ada.pk)
        ada.photo = None
        ada.save()
    assert storage.exists(shared)


def test_saving_without_a_new_photo_keeps_the_original(db, django_capture_on_commit_callbacks):
    therapist = make_therapist(photo=image_upload(), photo_alt="Ada smiling")
    reloaded = type(therapist).objects.get(pk=therapist.pk)
    with django_capture_on_commit_callbacks(execute=True):
        reloaded.title = "Senior Psychotherapist"
        reloaded.save()
    assert reloaded.photo.storage.exists(therapist.photo.name)


def test_deleting_a_therapist_deletes_every_photo_file(db, django_capture_on_commit_callbacks):
    therapist = make_therapist(photo=image_upload(), photo_alt="Ada smiling")
    files = [therapist.photo, therapist.photo_small, therapist.photo_large]
    names = [file.name for file in files]
    storage = therapist.photo.storage
    assert all(storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        therapist.delete()
    assert not any(storage.exists(name) for name in names)


def test_deleting_therapists_together_deletes_their_photo_files(
    db, django_capture_on_commit_callbacks
):
    ada = make_therapist("Ada Jones", photo=image_upload(), photo_alt="Ada smiling")
    ben = make_therapist("Ben Ode", photo=image_upload(), photo_alt="Ben smiling")
    names = [f.name for t in (ada, ben) for f in (t.photo, t.photo_small, t.photo_large)]
    storage = ada.photo.storage
    with django_capture_on_commit_callbacks(execute=True):
        type(ada).objects.filter(pk__in=[ada.pk, ben.pk]).delete()
    assert not any(storage.exists(name) for name in names)


def test_nginx_never_serves_original_uploads():
    conf = (Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf").read_text()
    location = re.search(r"location \^~ /media/therapists/originals/ \{([^}]*)\}", conf)
    assert location, "nginx.conf needs a location for /media/therapists/originals/"
    assert location.group(1).strip() == "return 404;"


def test_nginx_lets_through_every_photo_the_admin_accepts():
    """A photo the form would accept must reach it: nginx's own 413 page loses the whole form."""
    conf = (Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf").read_text()
    limit = re.search(r"client_max_body_size (\d+)m;", conf)
    assert limit, "nginx.conf should set client_max_body_size in megabytes"
    assert int(limit.group(1)) * 1024 * 1024 > images.MAX_UPLOAD_BYTES
