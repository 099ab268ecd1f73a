"""Line breaks in the message are counted the way the browser counts them.

The textarea's maxlength counts a line break as one character, but the browser sends it as
CRLF (two). The server must agree with the browser, or it refuses a message the browser let
the visitor type.
"""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from enquiries.forms import MESSAGE_MAX_LENGTH
from enquiries.models import Enquiry

pytestmark = pytest.mark.django_db

CONTACT = reverse("enquiries:contact")


def message_of(length):
    """A message of `length` characters as the browser counts them: lines of ten characters,
    each line break counted as one, ending in text (not whitespace)."""
    line = "x" * 9 + "\n"
    text = line * ((length - 1) // len(line))
    return text + "y" * (length - len(text))


def browser_post(client, data):
    """Post the form the way a browser does: url-encoded, with every line break as CRLF."""
    body = urlencode({**data, "message": data["message"].replace("\n", "\r\n")})
    return client.post(CONTACT, body, content_type="application/x-www-form-urlencoded")


def test_message_filling_the_box_with_line_breaks_is_accepted(client, valid_data):
    message = message_of(MESSAGE_MAX_LENGTH)
    assert len(message) == 2000 and message.count("\n") == 199

    response = browser_post(client, valid_data | {"message": message})

    assert response.status_code == 302
    assert response["Location"] == reverse("enquiries:thanks")
    # Kept with plain "\n" line breaks, as the visitor typed it.
    assert Enquiry.objects.get().message == message


def test_a_lone_carriage_return_counts_as_one_line_break(client, valid_data):
    response = client.post(CONTACT, valid_data | {"message": "First line\rSecond line"})

    assert response.status_code == 302
    assert Enquiry.objects.get().message == "First line\nSecond line"


def test_message_over_the_limit_with_line_breaks_is_refused_and_kept(client, valid_data):
    message = message_of(MESSAGE_MAX_LENGTH + 1)

    response = browser_post(client, valid_data | {"message": message})

    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    html = response.content.decode()
    assert "Error: Keep this to 2,000 characters or fewer (you wrote 2,001)" in html
    # Their text comes back in the box (as sent, line breaks and all).
    assert message.replace("\n", "\r\n") in html
