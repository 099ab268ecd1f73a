import pytest
from django.urls import reverse

from therapists import demo
from therapists.models import Concern, Language, Membership, Modality, Therapist

pytestmark = pytest.mark.django_db


def stored_files(root):
    return sorted(path.name for path in root.rglob("*") if path.is_file())


def test_demo_content_loads_twice_without_duplicating_anything(settings, client):
    demo.load()
    counts = [m.objects.count() for m in (Modality, Concern, Language, Therapist, Membership)]
    files = stored_files(settings.MEDIA_ROOT)
    demo.load()
    assert [m.objects.count() for m in (Modality, Concern, Language, Therapist, Membership)] == (
        counts
    )
    assert stored_files(settings.MEDIA_ROOT) == files
    assert 6 <= counts[3] <= 10
    assert len(files) == counts[3] * 3  # each portrait: original, small and large


def test_demo_therapists_cover_the_directory_and_have_placeholder_portraits(settings, client):
    demo.load()
    amelia = Therapist.objects.get(slug="amelia-hart")
    assert amelia.modalities.filter(slug="integrative").exists()
    assert amelia.photo_alt == "Illustrated placeholder portrait with the initials AH"
    assert amelia.photo_small and amelia.photo_large
    for slug in ("integrative", "psychodynamic", "cbt", "mindfulness-based", "person-centred"):
        modality = Modality.objects.get(slug=slug)
        assert modality.therapists.exists()
        assert "Who it suits" in modality.explainer_html
    assert Therapist.objects.filter(accepting_new_clients=False).exists()
    for query in ({"format": "telephone"}, {"language": "welsh"}, {"concern": "grief"}):
        response = client.get(reverse("therapists:directory"), query)
        assert response.context["paginator"].count >= 1


def test_a_lost_media_folder_gets_whole_portraits_again(settings):
    import shutil

    demo.load()
    shutil.rmtree(settings.MEDIA_ROOT)

    demo.load()

    for therapist in Therapist.objects.all():
        for image in (therapist.photo, therapist.photo_small, therapist.photo_large):
            assert image and image.storage.exists(image.name), (therapist, image.name)
