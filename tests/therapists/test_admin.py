import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_article, make_therapist
from tests.therapists.conftest import image_upload
from therapists.models import Therapist

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-12345678")
    client.force_login(user)
    return client


def therapist_form(**overrides):
    data = {
        "name": "New Person",
        "slug": "new-person",
        "title": "Counsellor",
        "introduction": "Hello.",
        "biography": "",
        "qualifications": "",
        "fee": "60",
        "display_order": "0",
        "is_active": "on",
        "offers_in_person": "on",
        "works_with_adults": "on",
        "accepting_new_clients": "on",
        "photo_alt": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "name",
    [
        "therapists_therapist_changelist",
        "therapists_therapist_add",
        "therapists_modality_changelist",
        "therapists_modality_add",
        "therapists_concern_changelist",
        "therapists_language_changelist",
    ],
)
def test_admin_pages_load(admin_client, practice, name):
    assert admin_client.get(reverse(f"admin:{name}")).status_code == 200


def test_therapist_list_shows_a_thumbnail_of_the_small_photo(admin_client, db):
    therapist = make_therapist(photo=image_upload(), photo_alt="Portrait")
    html = admin_client.get(reverse("admin:therapists_therapist_changelist")).text
    assert f'<img src="{therapist.photo_small.url}" alt="" width="40" height="50">' in html
    change = admin_client.get(reverse("admin:therapists_therapist_change", args=[therapist.pk]))
    assert change.status_code == 200


def test_therapists_are_deactivated_not_deleted_in_bulk(admin_client, practice):
    url = reverse("admin:therapists_therapist_changelist")
    html = admin_client.get(url).text
    assert 'value="mark_inactive"' in html
    assert 'value="delete_selected"' not in html
    response = admin_client.post(
        url,
        {"action": "mark_inactive", "_selected_action": [practice["ada"].pk, practice["ben"].pk]},
    )
    assert response.status_code == 302
    assert list(Therapist.objects.listed().values_list("name", flat=True)) == ["Cara Jones"]
    admin_client.post(url, {"action": "mark_active", "_selected_action": [practice["ada"].pk]})
    assert Therapist.objects.get(pk=practice["ada"].pk).is_active


def test_adding_a_therapist_with_a_photo_makes_the_resized_copies(admin_client, db):
    response = admin_client.post(
        reverse("admin:therapists_therapist_add"),
        therapist_form(photo=image_upload(), photo_alt="Smiling, in a garden"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    therapist = Therapist.objects.get(slug="new-person")
    assert therapist.photo_small.name.endswith(".webp")
    assert therapist.photo_large.name.endswith(".webp")


def test_uploading_something_that_is_not_an_image_shows_a_form_error(admin_client, db):
    response = admin_client.post(
        reverse("admin:therapists_therapist_add"),
        therapist_form(
            photo=SimpleUploadedFile("photo.jpg", b"definitely not an image", "image/jpeg"),
            photo_alt="A photo",
        ),
    )
    assert response.status_code == 200
    assert "photo" in response.context["adminform"].form.errors
    assert not Therapist.objects.exists()


def test_the_therapist_list_can_be_filtered_by_concern(admin_client, practice):
    url = reverse("admin:therapists_therapist_changelist")
    response = admin_client.get(url, {"concerns__id__exact": practice["grief"].pk})
    assert response.status_code == 200
    assert [t.name for t in response.context["cl"].result_list] == ["Ben Nowak", "Cara Jones"]
    assert "By concerns" in response.text


def test_deleting_a_therapist_steers_to_marking_them_inactive(admin_client, practice):
    ada = practice["ada"]
    url = reverse("admin:therapists_therapist_delete", args=[ada.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    warning = page.text.split('<li class="warning">', 1)[1].split("</li>", 1)[0]
    assert "untick “Active”" in warning
    assert "hides them everywhere on the site" in warning
    assert "keeps them as the author of their articles" in warning
    assert "erasure request" in warning
    change_url = reverse("admin:therapists_therapist_change", args=[ada.pk])
    assert f'href="{change_url}"' in warning
    assert "style=" not in warning and "<script" not in warning


def test_a_superuser_can_still_delete_a_therapist(admin_client, practice):
    ada = practice["ada"]
    article = make_article(author=ada)
    response = admin_client.post(
        reverse("admin:therapists_therapist_delete", args=[ada.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Therapist.objects.filter(pk=ada.pk).exists()
    article.refresh_from_db()
    assert article.author is None
