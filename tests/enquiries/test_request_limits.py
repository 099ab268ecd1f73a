"""The public forms take small bodies and no files (issue 29 item 6): a file part or an
oversized post gets a page saying what happened, and nothing is stored, in memory or on disk."""

import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.form_limits import PUBLIC_FORM_MAX_BYTES, PUBLIC_FORM_MAX_FIELDS
from enquiries.models import Enquiry, ProblemReport

pytestmark = pytest.mark.django_db

CONTACT = reverse("enquiries:contact")


def temporary_uploads():
    return set(Path(tempfile.gettempdir()).glob("*.upload*"))


def test_a_file_sent_with_the_contact_form_is_refused_and_not_kept(client, valid_data, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1  # any file Django stored would go to disk
    before = temporary_uploads()
    upload = SimpleUploadedFile("records.pdf", b"%PDF-1.4 " + b"x" * 40_000)

    response = client.post(CONTACT, valid_data | {"message": upload})

    assert response.status_code == 400
    assert "This form does not take files" in response.text
    assert "urgent" in response.text.lower()  # the site's own page, with the crisis box
    assert not Enquiry.objects.exists()
    assert temporary_uploads() == before


def test_a_form_posted_as_multipart_without_a_file_still_works(client, valid_data):
    from django.test.client import MULTIPART_CONTENT

    response = client.post(CONTACT, valid_data, content_type=MULTIPART_CONTENT)
    assert response.status_code == 302
    assert Enquiry.objects.count() == 1


def test_an_oversized_post_is_refused_before_it_is_read(client, valid_data):
    response = client.post(
        reverse("enquiries:report_problem"),
        {"problem": "x" * (PUBLIC_FORM_MAX_BYTES + 1)},
    )

    assert response.status_code == 413
    assert "What you sent is too long" in response.text
    assert not ProblemReport.objects.exists()


def test_too_many_fields_are_refused(client, valid_data):
    padding = {f"extra{n}": "x" for n in range(PUBLIC_FORM_MAX_FIELDS)}

    response = client.post(CONTACT, valid_data | padding)

    assert response.status_code == 400
    assert not Enquiry.objects.exists()


def test_the_longest_message_a_visitor_may_write_fits_the_limit(client, valid_data):
    from enquiries.forms import MESSAGE_MAX_LENGTH

    # 4-byte characters, each sent as 12 bytes once percent-encoded.
    message = "\U0001f642" * MESSAGE_MAX_LENGTH

    response = client.post(CONTACT, valid_data | {"message": message})

    assert response.status_code == 302, response.status_code
