"""A visitor who gets something wrong sees what, next to the field and in a summary, and keeps
everything they typed."""

import re

import pytest
from django.urls import reverse

from enquiries.models import Enquiry
from tests.factories import make_modality, make_therapist

pytestmark = pytest.mark.django_db

CONTACT = reverse("enquiries:contact")


def summary_links(html):
    summary = re.search(r'<div class="error-summary"[^>]*role="alert".*?</div>', html, re.S)
    assert summary, "no error summary at the top of the form"
    return dict(re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(0)))


def input_tag(html, field_id):
    tag = re.search(rf"<(?:input|textarea|select|fieldset)[^>]*\bid=\"{field_id}\"[^>]*>", html)
    assert tag, f"no field with id {field_id}"
    return tag.group(0)


def assert_error_shown(html, field_id, message, first_input=None):
    """`first_input`: for a group of radio buttons (a fieldset with id `field_id`), the button
    that is marked invalid and that the summary links to."""
    first_input = first_input or field_id
    # Next to the field, with an id the field points at...
    assert f'<p class="error" id="{field_id}_error">Error: {message}</p>' in html
    tag = input_tag(html, field_id)
    assert f"{field_id}_error" in re.search(r'aria-describedby="([^"]+)"', tag).group(1)
    assert 'aria-invalid="true"' in input_tag(html, first_input)
    # ...and in the summary, linking to the field.
    assert summary_links(html)[first_input] == message


def post(client, data):
    response = client.post(CONTACT, data)
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    html = response.content.decode()
    assert html.count("<title>Error: ") == 1
    return html


def test_missing_name(client, valid_data):
    html = post(client, valid_data | {"name": "  "})

    assert_error_shown(html, "id_name", "Enter your name")
    assert 'value="alex@example.org"' in html
    assert "I have been feeling anxious since a bereavement." in html


def test_email_in_the_wrong_format(client, valid_data):
    html = post(client, valid_data | {"email": "alex at example"})

    assert_error_shown(
        html, "id_email", "Enter an email address in the correct format, like name@example.com"
    )
    assert 'value="alex at example"' in input_tag(html, "id_email")
    assert 'value="Alex Example"' in input_tag(html, "id_name")


def test_consent_not_ticked(client, valid_data):
    data = dict(valid_data)
    del data["consent"]

    html = post(client, data)

    assert_error_shown(html, "id_consent", "Tick the box to agree, so that we can reply to you")
    assert 'value="Alex Example"' in input_tag(html, "id_name")


def test_phone_is_required_when_phone_is_chosen(client, valid_data):
    html = post(client, valid_data | {"contact_method": "phone", "phone": ""})

    assert_error_shown(
        html, "id_phone", "Enter a phone number, or choose email as the way to contact you"
    )
    assert "checked" in input_tag(html, "id_contact_method_1")  # "Phone" stays chosen
    assert "checked" not in input_tag(html, "id_contact_method_0")


def test_message_that_is_too_long(client, valid_data):
    long_message = "word " * 500 + "end"  # 2,503 characters

    html = post(client, valid_data | {"message": long_message})

    assert_error_shown(
        html, "id_message", "Keep this to 2,000 characters or fewer (you wrote 2,503)"
    )
    assert long_message in html
    # The hint stays linked to the field too.
    assert "id_message_helptext" in input_tag(html, "id_message")


@pytest.fixture
def everything_chosen(valid_data):
    """The form with every field filled in or chosen, so a test can see what is kept."""
    modality = make_modality("Person-centred")
    therapist = make_therapist("Sam Rivers", offers_online=True)
    return valid_data | {
        "phone": "07911 123456",
        "preferred_modality": str(modality.pk),
        "preferred_format": "online",
        "preferred_therapist": str(therapist.pk),
    }


def selected_value(html, field_id):
    select = re.search(rf'<select[^>]*\bid="{field_id}".*?</select>', html, re.S)
    assert select, f"no list with id {field_id}"
    chosen = re.findall(r'<option value="([^"]*)" selected>', select.group(0))
    return chosen[0] if chosen else None


@pytest.mark.parametrize(
    ("field", "value", "field_id", "first_input", "message"),
    [
        ("email", "", "id_email", None, "Enter your email address"),
        (
            "contact_method",
            None,  # neither button chosen: the field is not sent at all
            "id_contact_method",
            "id_contact_method_0",
            "Choose how you would like us to contact you",
        ),
        (
            "preferred_modality",
            "not-an-approach",
            "id_preferred_modality",
            None,
            "Choose an approach from the list",
        ),
        (
            "preferred_format",
            "by-post",
            "id_preferred_format",
            None,
            "Choose a way to meet from the list",
        ),
        (
            "preferred_therapist",
            "999999",
            "id_preferred_therapist",
            None,
            "Choose a therapist from the list",
        ),
    ],
    ids=[
        "no-email",
        "no-contact-method",
        "unknown-approach",
        "unknown-format",
        "unknown-therapist",
    ],
)
def test_a_missing_or_unknown_answer_is_shown_and_the_rest_is_kept(
    client, everything_chosen, field, value, field_id, first_input, message
):
    data = dict(everything_chosen)
    if value is None:
        del data[field]
    else:
        data[field] = value

    html = post(client, data)

    assert_error_shown(html, field_id, message, first_input)
    assert list(summary_links(html)) == [first_input or field_id]
    kept = {name: everything_chosen[name] for name in everything_chosen if name != field}
    for name in ("name", "email", "phone"):
        if name in kept:
            assert f'value="{kept[name]}"' in input_tag(html, f"id_{name}"), name
    if "contact_method" in kept:
        assert "checked" in input_tag(html, "id_contact_method_0")  # "Email" stays chosen
    assert kept["message"] in html
    for name in ("preferred_modality", "preferred_format", "preferred_therapist"):
        if name in kept:
            assert selected_value(html, f"id_{name}") == kept[name], name
    assert "checked" in input_tag(html, "id_consent")


def test_several_mistakes_are_all_listed_in_form_order(client, valid_data):
    html = post(client, valid_data | {"name": "", "email": "nope"})

    assert list(summary_links(html)) == ["id_name", "id_email"]
    assert "There are 2 problems with your enquiry" in html


def test_required_fields_say_so_in_their_labels(client):
    html = client.get(CONTACT).content.decode()

    for field_id, label in [
        ("id_name", "Your name"),
        ("id_email", "Email address"),
    ]:
        assert re.search(
            rf'<label class="field__label" for="{field_id}">{label}\s+'
            r'<span class="required">\(required\)</span></label>',
            html,
        )
        assert "required" in input_tag(html, field_id)
    assert re.search(r'<label for="id_consent">.*?\(required\)', html, re.S)
    assert "(optional)" in html


def test_every_field_has_a_label(client):
    html = client.get(CONTACT).content.decode()

    ids = re.findall(
        r"<(?:input|select|textarea)(?![^>]*type=\"hidden\")[^>]*\bid=\"([^\"]+)\"", html
    )
    assert len(ids) >= 10
    for field_id in ids:
        assert f'for="{field_id}"' in html, f"{field_id} has no label"


def test_consent_label_links_to_the_privacy_notice(client):
    html = client.get(CONTACT).content.decode()

    label = re.search(r'<label for="id_consent">(.*?)</label>', html, re.S).group(1)
    assert f'href="{reverse("enquiries:privacy")}"' in label


def test_voicemail_question_must_be_answered_when_we_may_phone(client, valid_data):
    del valid_data["voicemail_ok"]
    html = post(
        client,
        valid_data | {"contact_method": "both", "phone": "07911 123456", "times": "evenings"},
    )

    assert_error_shown(
        html,
        "id_voicemail_ok",
        "Choose whether we may leave you a voicemail",
        "id_voicemail_ok_0",
    )
    assert "checked" in input_tag(html, "id_contact_method_2")  # "Email or phone" kept
    assert "checked" in input_tag(html, "id_times_2")  # "Weekday evenings" kept


def test_discretion_question_must_be_answered(client, valid_data):
    data = dict(valid_data)
    del data["may_identify"]

    html = post(client, data)

    assert_error_shown(
        html,
        "id_may_identify",
        "Choose whether we may say we are a therapy practice",
        "id_may_identify_0",
    )


@pytest.mark.parametrize(
    ("field", "value", "field_id", "first_input", "message"),
    [
        ("times", "midnight", "id_times", "id_times_0", "Choose times from the list"),
        (
            "first_step",
            "coffee",
            "id_first_step",
            "id_first_step_0",
            "Choose one of the first steps listed",
        ),
        ("may_identify", "maybe", "id_may_identify", "id_may_identify_0", "Choose yes or no"),
        ("times_note", "x" * 201, "id_times_note", None, "Keep this to 200 characters or fewer"),
    ],
    ids=["unknown-time", "unknown-first-step", "not-yes-or-no", "long-times-note"],
)
def test_new_request_fields_refuse_bad_values_beside_the_field(
    client, valid_data, field, value, field_id, first_input, message
):
    html = post(client, valid_data | {field: value})

    assert f'<p class="error" id="{field_id}_error">Error: {message}</p>' in html
    assert summary_links(html)[first_input or field_id] == message
    assert 'value="Alex Example"' in input_tag(html, "id_name")
