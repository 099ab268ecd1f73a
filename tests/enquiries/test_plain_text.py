"""Invisible tricks in what visitors type: bidirectional controls and other control characters
are removed from every text field (line breaks and tabs stay in the message), and a field that
arrived as nothing but "�" (bytes that were not UTF-8) is refused with a message."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.forms import BIDI_CONTROLS, UNREADABLE_MESSAGE, plain_text
from enquiries.forms import EnquiryForm
from enquiries.models import Enquiry

pytestmark = pytest.mark.django_db

CONTACT = reverse("enquiries:contact")
EXAMPLES = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CONTROLS = sorted(BIDI_CONTROLS) + [chr(c) for c in [*range(0, 32), *range(0x7F, 0xA0)]]

letters = st.text(
    alphabet=st.characters(categories=["L", "N", "P", "Zs", "So"]), min_size=1, max_size=40
).filter(lambda text: text.strip())
with_tricks = st.lists(st.one_of(letters, st.sampled_from(CONTROLS)), min_size=1, max_size=12)


def is_invisible_trick(char):
    return char in BIDI_CONTROLS or (ord(char) < 32 or 0x7F <= ord(char) < 0xA0)


@EXAMPLES
@given(name_parts=with_tricks, message_parts=with_tricks)
@example(name_parts=["\u202eAmelia Hart"], message_parts=["line one\n\tline two"])
@example(name_parts=["Ada\x00", "\u2066Lovelace\u2069"], message_parts=["a\r\nb\x1b[31m"])
@example(name_parts=["Amelia Hart " * 10, "\u202e", "x"], message_parts=["Hello"])  # 121 long
def test_no_control_or_bidi_character_is_stored(valid_data, name_parts, message_parts):
    name, message = "".join(name_parts), "".join(message_parts)
    form = EnquiryForm(data=valid_data | {"name": name, "message": message})
    visible_name = "".join(c for c in name if not is_invisible_trick(c)).strip()
    if not visible_name:
        assert form.errors["name"] == ["Enter your name"]
        return
    if len(plain_text(name).strip()) > 120:  # the name field's max_length, counted once cleaned
        assert "at most 120 characters" in form.errors["name"][0]
        return
    assert form.is_valid(), form.errors
    enquiry = form.save()
    enquiry.refresh_from_db()
    assert not any(is_invisible_trick(c) for c in enquiry.name)
    # The message keeps its line breaks and tabs, and nothing else invisible.
    assert not any(is_invisible_trick(c) for c in enquiry.message if c not in "\n\t")
    assert enquiry.message == plain_text(message, multiline=True).strip()
    # Visible characters are all kept, in order.
    assert "".join(enquiry.name.split()) == "".join(visible_name.split())
    enquiry.delete()


def test_a_right_to_left_override_in_a_name_is_removed(client, valid_data):
    valid_data |= {"name": "Amelia \u202etraH", "message": "Hello\u2067 there\n\nThanks\tA."}
    assert client.post(CONTACT, valid_data).status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.name == "Amelia traH"
    assert enquiry.message == "Hello there\n\nThanks\tA."


def test_a_tab_or_line_break_in_a_one_line_field_becomes_a_space(valid_data):
    form = EnquiryForm(data=valid_data | {"name": "Ada\tLovelace\nKing"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Ada Lovelace King"


@EXAMPLES
@given(
    field=st.sampled_from(["name", "message", "email", "phone"]),
    count=st.integers(min_value=1, max_value=30),
    spaces=st.booleans(),
)
def test_a_field_of_nothing_but_replacement_characters_is_refused(valid_data, field, count, spaces):
    unreadable = (" \ufffd" if spaces else "\ufffd") * count
    form = EnquiryForm(data=valid_data | {field: unreadable})
    assert not form.is_valid()
    assert UNREADABLE_MESSAGE in form.errors[field]


def test_invalid_bytes_get_a_message_not_question_marks(client, valid_data):
    body = "&".join(f"{k}={v}" for k, v in (valid_data | {"name": "x"}).items() if k != "name")
    response = client.generic(
        "POST",
        CONTACT,
        b"name=%FF%FE%FF&" + body.replace("@", "%40").encode(),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "We could not read what was sent in this field" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_some_replacement_characters_among_real_text_are_kept(valid_data):
    form = EnquiryForm(data=valid_data | {"name": "Zo\ufffd Smith"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Zo\ufffd Smith"


# Invisible format characters of the sweep: each hidden inside a word, where it does harm.
FORMAT_TRICKS = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner (between Latin letters: no language needs it)
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte order mark
    "\u00ad",  # soft hyphen
    *map(chr, range(0x206A, 0x2070)),  # deprecated format characters
    "\ufff9",
    "\ufffa",
    "\ufffb",  # interlinear annotation
    "\ufdd0",
    "\uffff",
    "\U0010fffe",  # noncharacters
]


@pytest.mark.parametrize("trick", FORMAT_TRICKS, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_format_characters_are_not_stored(client, valid_data, trick):
    valid_data |= {"name": f"Ame{trick}lia Hart", "message": f"{trick}Hel{trick}lo there"}
    assert client.post(CONTACT, valid_data).status_code == 302
    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.message) == ("Amelia Hart", "Hello there")


@pytest.mark.parametrize(
    "name",
    [
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: a non-joiner inside a word
        "\u0915\u094d\u200d\u0937",  # Devanagari: a joiner after a virama
        "\u0d28\u0d4d\u200d \u0d15",  # Malayalam: a chillu, a joiner at the end of a word
        "Leila \u200f\u05d0\u05d1",  # a right-to-left mark
        "Jo \U0001f469\u200d\U0001f467",  # an emoji family
    ],
)
def test_format_characters_a_language_needs_are_kept_inside_its_words(valid_data, name):
    form = EnquiryForm(data=valid_data | {"name": name})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == name


def test_a_joiner_outside_a_word_of_such_a_script_is_removed(valid_data):
    form = EnquiryForm(data=valid_data | {"name": "\u200c\u0645\u200dAda \u0645\u200c"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "\u0645Ada \u0645\u200c"
