"""The consultation request offers a free call only where a therapist offers one: the chosen
therapist's own first steps, and for "help me choose" a call only if someone listed offers one.
A visitor asking for a call that is not offered is told what is offered instead."""

import re

import pytest
from django.urls import reverse

from enquiries.models import Enquiry
from tests.enquiries.test_form_errors import assert_error_shown, input_tag, post, summary_links
from tests.factories import make_therapist

pytestmark = pytest.mark.django_db

CONTACT = reverse("enquiries:contact")


def first_steps(html):
    """The first-step radio buttons as {value: (label, checked)}."""
    group = re.search(r'<fieldset[^>]*id="id_first_step".*?</fieldset>', html, re.S).group(0)
    steps = {}
    for tag, label in re.findall(
        r'(<input[^>]*name="first_step"[^>]*>)\s*<label[^>]*>([^<]*)<', group
    ):
        value = re.search(r'value="([^"]*)"', tag).group(1)
        steps[value] = (label, " checked" in tag)
    return steps


def labels(html):
    return [label for label, _ in first_steps(html).values()]


def page(client, **query):
    response = client.get(CONTACT, query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def caller():
    return make_therapist("Zofia Nowak", first_step="call", first_step_minutes=20)


@pytest.fixture
def session_only():
    return make_therapist(
        "Daniel Okafor", first_step="session", first_step_minutes=60, first_step_fee=60
    )


def test_a_therapist_who_offers_a_call_is_offered_with_their_own_length(client, caller):
    steps = first_steps(page(client, therapist=caller.slug))

    assert steps["call"] == ("A free 20-minute call, to check we are a good fit", True)
    assert "session" in steps and "not_sure" in steps


def test_a_therapist_whose_first_step_is_a_session_offers_no_free_call(client, session_only):
    html = page(client, therapist=session_only.slug)

    assert first_steps(html) == {
        "session": ("A first session (60 minutes, £60)", False),
        "not_sure": ("Not sure yet", False),
    }
    assert "free" not in " ".join(labels(html)).lower()


def test_a_therapist_who_says_nothing_is_not_promised_to_offer_a_free_call(client):
    quiet = make_therapist("Sam Whitfield", first_step="")

    steps = first_steps(page(client, therapist=quiet.slug))

    assert (
        steps["call"][0] == "A short call to check we are a good fit, if Sam Whitfield offers one"
    )
    assert not any("free" in label.lower() for label, _ in steps.values())


def test_help_me_choose_offers_no_free_call_when_nobody_offers_one(client, session_only):
    make_therapist("Hidden Harry", first_step="call", first_step_minutes=15, is_active=False)

    steps = first_steps(page(client))

    assert "call" not in steps
    assert list(steps) == ["session", "not_sure"]
    assert not any(checked for _, checked in steps.values())


def test_help_me_choose_offers_the_free_call_of_those_who_offer_one(client, session_only):
    make_therapist("Amelia Hart", first_step="call", first_step_minutes=15)

    steps = first_steps(page(client))

    assert steps["call"] == (
        "A free 15-minute call to check we are a good fit "
        "(with one of our therapists who offer one)",
        True,
    )


def test_help_me_choose_says_short_call_when_their_lengths_differ(client, caller):
    make_therapist("Amelia Hart", first_step="call", first_step_minutes=15)

    assert first_steps(page(client))["call"][0].startswith("A free short call to check")


def test_asking_a_session_only_therapist_for_a_free_call_says_what_they_offer(
    client, valid_data, session_only
):
    html = post(
        client,
        valid_data
        | {"preferred_therapist": str(session_only.pk), "first_step": "call", "times": "evenings"},
    )

    message = (
        "Daniel Okafor does not offer a free call: their first step is a first session "
        "(60 minutes, £60). Choose that, or “Not sure yet”"
    )
    assert_error_shown(html, "id_first_step", message, "id_first_step_0")
    # The choices shown are now that therapist's, and everything typed is kept.
    assert list(first_steps(html)) == ["session", "not_sure"]
    assert 'value="Alex Example"' in input_tag(html, "id_name")
    assert "checked" in input_tag(html, "id_times_2")
    assert "I have been feeling anxious since a bereavement." in html
    selected = re.search(r'<option value="(\d+)" selected>', html).group(1)
    assert selected == str(session_only.pk)


def test_changing_the_therapist_shows_the_new_ones_first_steps(
    client, valid_data, caller, session_only
):
    response = client.post(
        f"{CONTACT}?therapist={caller.slug}",
        valid_data | {"preferred_therapist": str(session_only.pk), "first_step": "call"},
    )

    html = response.content.decode()
    assert "Daniel Okafor does not offer a free call" in summary_links(html)["id_first_step_0"]
    assert "A free 20-minute call" not in html
    # The page is about the therapist now chosen, not the one it was opened for.
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert "Daniel Okafor" in heading and "Zofia Nowak" not in heading
    assert Enquiry.objects.count() == 0


def test_help_me_choose_refuses_a_free_call_when_nobody_offers_one(client, valid_data):
    html = post(client, valid_data | {"first_step": "call"})

    assert_error_shown(
        html,
        "id_first_step",
        "None of our therapists offers a free call at the moment: choose a first session, "
        "or “Not sure yet” and we will suggest a first step",
        "id_first_step_0",
    )


@pytest.mark.parametrize("therapist", ["caller", "nobody"])
def test_a_free_call_that_is_offered_is_accepted(client, valid_data, caller, therapist):
    chosen = str(caller.pk) if therapist == "caller" else ""

    response = client.post(
        CONTACT, valid_data | {"preferred_therapist": chosen, "first_step": "call"}
    )

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.first_step == Enquiry.FirstStep.CALL
    assert enquiry.preferred_therapist == (caller if chosen else None)


def test_a_session_is_accepted_from_a_session_only_therapist(client, valid_data, session_only):
    response = client.post(
        CONTACT,
        valid_data | {"preferred_therapist": str(session_only.pk), "first_step": "session"},
    )

    assert response.status_code == 302
    assert Enquiry.objects.get().first_step == Enquiry.FirstStep.SESSION


@pytest.mark.parametrize(
    "forged",
    ["999999", "abc", "1.5", "-1", "\x00", "1' OR 1=1", "x" * 5000, "hidden"],
)
def test_a_forged_therapist_with_a_free_call_is_refused_without_a_server_error(
    client, valid_data, session_only, forged
):
    if forged == "hidden":
        forged = str(make_therapist("Hidden Harry", first_step="call", is_active=False).pk)

    html = post(client, valid_data | {"preferred_therapist": forged, "first_step": "call"})

    # Refused beside the therapist field only (a NUL gets Django's own words).
    assert list(summary_links(html)) == ["id_preferred_therapist"]


@pytest.mark.parametrize("forged", ["", "coffee", "CALL", "call\x00", "x" * 5000])
def test_a_forged_first_step_is_refused_beside_the_field(client, valid_data, caller, forged):
    html = post(client, valid_data | {"preferred_therapist": str(caller.pk), "first_step": forged})

    message = summary_links(html)["id_first_step_0"]
    assert message in (
        "Choose the first step you would like",
        "Choose one of the first steps listed",
    )
    assert "A free 20-minute call, to check we are a good fit" in labels(html)


def test_help_me_choose_asks_one_more_query_whatever_the_number_of_therapists(
    client, django_assert_num_queries
):
    for n in range(3):
        make_therapist(f"Therapist {n}", first_step="call", first_step_minutes=15 + n)
    # Anyone accepting, the approaches, the therapists, who offers a call. A running site has
    # read its menus once since the last change (pages/menu.py): the first visit does it.
    client.get(CONTACT)
    with django_assert_num_queries(4):
        client.get(CONTACT)
    for n in range(3, 30):
        make_therapist(f"Therapist {n}", first_step="call", first_step_minutes=15 + n)
    client.get(CONTACT)
    with django_assert_num_queries(4):
        client.get(CONTACT)
