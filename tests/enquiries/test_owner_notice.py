"""When staff give a request to someone else in the admin, that person is emailed that it is
theirs: who assigned it, when, when it is due and the admin link, never what the person sent.
A mail failure is logged, shown in the admin and in the history, and loses nothing."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from enquiries.models import Enquiry
from tests.factories import make_enquiry, make_staff_user

# Committed for real, as in production: the email goes once the save is committed, and its
# message then reaches the page the admin redirects to.
pytestmark = pytest.mark.django_db(transaction=True)
HANDLERS = "Enquiry handlers"


def handler(username, **fields):
    # get_or_create: a transactional test's flush removes the group the migration made.
    user = make_staff_user(username=username, **fields)
    user.groups.add(Group.objects.get_or_create(name=HANDLERS)[0])
    return user


@pytest.fixture
def assigner(client):
    user = make_staff_user(
        username="robin", first_name="Robin", last_name="Hale", is_superuser=True
    )
    client.force_login(user)
    return user


@pytest.fixture
def colleague():
    return handler("sam", first_name="Sam", last_name="Patel", email="sam@practice.example")


@pytest.fixture
def assign(client):
    """Save the request's admin page with `owner`; the page it redirects to, with its messages."""

    def post(enquiry, owner, **fields):
        data = {
            "status": enquiry.status,
            "owner": str(owner.pk) if owner else "",
            "booked_minutes": "15",
            **fields,
        }
        url = reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        return response.content.decode()

    return post


def private_request():
    return make_enquiry(
        "Alex Example",
        email="alex@example.org",
        phone="+447911123456",
        message="I have been feeling anxious since a bereavement.",
    )


def test_the_new_owner_is_emailed_who_assigned_it_when_it_is_due_and_the_link(
    assigner, colleague, assign
):
    enquiry = private_request()

    page = assign(enquiry, colleague)

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["sam@practice.example"]
    assert email.subject == f"Enquiry #{enquiry.pk} assigned to you"
    assert "Robin Hale assigned enquiry" in email.body
    assert f"Reply due by the end of {enquiry.reply_due:%A %d %B %Y}" in email.body
    assert reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]) in email.body
    everything_sent = email.subject + email.body
    for private in ["Alex", "alex@example.org", "bereavement", "anxious", "07911", "7911"]:
        assert private not in everything_sent
    assert "Sam Patel was emailed that it is theirs." in page
    history = [(event.kind, event.by) for event in enquiry.events.all()]
    assert history == [("owner", assigner), ("email", assigner)]


def test_an_overdue_request_says_so_to_its_new_owner(assigner, colleague, assign):
    enquiry = private_request()
    Enquiry.objects.filter(pk=enquiry.pk).update(reply_due=timezone.localdate() - timedelta(days=2))
    enquiry.refresh_from_db()

    assign(enquiry, colleague)

    assert "Reply OVERDUE" in mail.outbox[0].body


def test_changing_the_owner_tells_the_new_one_only(assigner, colleague, assign):
    other = handler("kim", first_name="Kim", email="kim@practice.example")
    enquiry = private_request()
    assign(enquiry, colleague)

    assign(enquiry, other)

    assert [email.to for email in mail.outbox] == [
        ["sam@practice.example"],
        ["kim@practice.example"],
    ]


@pytest.mark.parametrize("owner", ["myself", "nobody", "unchanged"])
def test_no_email_when_staff_take_it_themselves_clear_it_or_leave_it(
    assigner, colleague, assign, owner
):
    enquiry = private_request()
    if owner == "unchanged":
        Enquiry.objects.filter(pk=enquiry.pk).update(owner=colleague)
        enquiry.refresh_from_db()
    chosen = {"myself": assigner, "nobody": None, "unchanged": colleague}[owner]

    assign(enquiry, chosen, add_note="Called, no answer.")

    assert mail.outbox == []


def test_a_failing_mail_backend_keeps_the_owner_and_says_so(
    assigner, colleague, assign, settings, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens, so the connection is refused
    settings.EMAIL_TIMEOUT = 2
    enquiry = private_request()

    page = assign(enquiry, colleague, add_note="Sam speaks Polish.")

    enquiry.refresh_from_db()
    assert enquiry.owner == colleague
    assert "could not be sent" in page and "Tell them another way" in page
    assert "the email telling its new owner failed" in caplog.text
    kinds = [event.kind for event in enquiry.events.all()]
    assert kinds == ["owner", "note", "email_failed"]
    failed = enquiry.events.get(kind="email_failed")
    assert "Sam Patel" in failed.text and "ConnectionRefusedError" in failed.text


def test_an_owner_without_an_email_address_is_not_emailed_and_staff_are_told(
    assigner, colleague, assign
):
    colleague.email = ""
    colleague.save()
    enquiry = private_request()

    page = assign(enquiry, colleague)

    assert mail.outbox == []
    assert "has no email address in their account" in page
    enquiry.refresh_from_db()
    assert enquiry.owner == colleague
