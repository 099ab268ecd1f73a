from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import make_concern, make_language, make_modality, make_therapist


def image_upload(name="portrait.jpg", size=(900, 1200), image_format="JPEG", colour="#88aa99"):
    """A small in-memory image, as a browser would upload it."""
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


@pytest.fixture
def practice(db):
    """A small practice: three therapists spread over modalities, concerns, formats, languages."""
    cbt = make_modality("CBT", slug="cbt")
    integrative = make_modality("Integrative", slug="integrative")
    anxiety = make_concern("Anxiety", slug="anxiety")
    grief = make_concern("Grief", slug="grief")
    english = make_language("English", slug="english")
    polish = make_language("Polish", slug="polish")
    ada = make_therapist(
        "Ada Lovelace",
        modalities=[cbt],
        concerns=[anxiety],
        languages=[english],
        offers_in_person=True,
        offers_online=True,
        display_order=1,
    )
    ben = make_therapist(
        "Ben Nowak",
        modalities=[integrative, cbt],
        concerns=[grief, anxiety],
        languages=[english, polish],
        offers_in_person=False,
        offers_telephone=True,
        accepting_new_clients=False,
        display_order=2,
    )
    cara = make_therapist(
        "Cara Jones",
        modalities=[integrative],
        concerns=[grief],
        languages=[english],
        offers_in_person=True,
        display_order=3,
    )
    return {
        "cbt": cbt,
        "integrative": integrative,
        "anxiety": anxiety,
        "grief": grief,
        "english": english,
        "polish": polish,
        "ada": ada,
        "ben": ben,
        "cara": cara,
    }
