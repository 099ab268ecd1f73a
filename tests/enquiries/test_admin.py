import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from enquiries.models import Enquiry
from tests.factories import make_enquiry, make_staff_user, make_therapist

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:enquiries_enquiry_changelist")


def user_in(group_name, username):
    user = make_staff_user(username=username)
    group, _ = Group.objects.get_or_create(name=group_name)
    user.groups.add(group)
    return user


def test_editors_group_holds_no_enquiry_permission():
    editors, _ = Group.objects.get_or_create(name="Editors")

    assert not editors.permissions.filter(content_type__app_label="enquiries").exists()


def test_editor_cannot_see_enquiries_in_the_admin(client):
    make_enquiry("Private Person")
    client.force_login(user_in("Editors", "editor"))

    index = client.get(reverse("admin:index"))
    changelist = client.get(CHANGELIST)

    assert index.status_code == 200
    assert CHANGELIST not in index.content.decode()
    assert changelist.status_code == 403
    assert "Private Person" not in changelist.content.decode()


def test_enquiry_handlers_group_can_read_and_update_but_not_delete():
    handlers = Group.objects.get(name="Enquiry handlers")

    codenames = set(handlers.permissions.values_list("codename", flat=True))

    assert codenames == {
        "view_enquiry",
        "change_enquiry",
        "view_problemreport",
        "change_problemreport",
        "view_replytemplate",
        "change_replytemplate",
    }


def test_enquiry_handler_sees_the_list_with_status_date_and_therapist(client):
    therapist = make_therapist("Sam Rivers")
    make_enquiry("Alex Example", preferred_therapist=therapist)
    make_enquiry("Old Enquirer", status=Enquiry.Status.CLOSED, days_ago=3)
    client.force_login(user_in("Enquiry handlers", "handler"))

    index = client.get(reverse("admin:index"))
    response = client.get(CHANGELIST)

    assert CHANGELIST in index.content.decode()
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alex Example" in html
    assert "Sam Rivers" in html
    assert "Closed" in html
    assert "Mark selected enquiries as contacted" in html


def test_staff_filter_and_search_enquiries(client):
    make_enquiry("Alex Example", email="alex@example.org")
    make_enquiry("Bo Other", status=Enquiry.Status.CONTACTED)
    client.force_login(user_in("Enquiry handlers", "handler"))

    by_status = client.get(CHANGELIST, {"status__exact": "contacted"}).content.decode()
    by_email = client.get(CHANGELIST, {"q": "alex@example"}).content.decode()

    assert "Bo Other" in by_status and "Alex Example" not in by_status
    assert "Alex Example" in by_email and "Bo Other" not in by_email


def test_staff_mark_enquiries_contacted_then_closed(client):
    first = make_enquiry("Alex Example")
    second = make_enquiry("Bo Other")
    client.force_login(user_in("Enquiry handlers", "handler"))

    client.post(
        CHANGELIST,
        {"action": "mark_contacted", "_selected_action": [first.pk, second.pk]},
    )
    assert set(Enquiry.objects.values_list("status", flat=True)) == {"contacted"}

    response = client.post(
        CHANGELIST, {"action": "mark_closed", "_selected_action": [first.pk]}, follow=True
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Enquiry.Status.CLOSED
    assert second.status == Enquiry.Status.CONTACTED
    assert "1 enquiry marked closed." in response.content.decode()


def test_staff_cannot_rewrite_what_the_visitor_sent(client):
    enquiry = make_enquiry("Alex Example")
    client.force_login(user_in("Enquiry handlers", "handler"))
    url = reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])

    client.post(
        url,
        {
            "status": "contacted",
            "booked_minutes": "15",
            "add_note": "Phoned on Tuesday.",
            "name": "Someone Else",
        },
    )

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CONTACTED
    assert list(enquiry.events.values_list("text", flat=True)) == [
        "New → Contacted",
        "Phoned on Tuesday.",
    ]
    assert enquiry.name == "Alex Example"


def test_admin_history_does_not_keep_the_visitors_name():
    enquiry = make_enquiry("Alex Example")

    assert "Alex" not in str(enquiry)


def test_user_with_only_article_permissions_cannot_open_an_enquiry(client):
    enquiry = make_enquiry("Private Person")
    user = make_staff_user(username="writer")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    client.force_login(user)

    response = client.get(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]))

    assert response.status_code in (302, 403)
    assert "Private Person" not in response.content.decode()


# The status actions save each enquiry: its History says who changed it, and closed stays closed.


def _history(client, enquiry):
    """The rows of the enquiry's History page: (who, what), oldest first."""
    html = client.get(reverse("admin:enquiries_enquiry_history", args=[enquiry.pk])).text
    return re.findall(r'<th scope="row">.*?</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>', html, re.S)


@pytest.mark.parametrize(
    ("action", "note"), [("mark_contacted", "Marked contacted."), ("mark_closed", "Marked closed.")]
)
def test_status_actions_show_in_the_enquiry_history_with_who_did_it(client, action, note):
    enquiry = make_enquiry("Alex Example", days_ago=2)
    received_update = enquiry.updated_at
    handler = user_in("Enquiry handlers", "handler")
    client.force_login(handler)

    client.post(CHANGELIST, {"action": action, "_selected_action": [enquiry.pk]})

    entry = LogEntry.objects.get(object_id=str(enquiry.pk))
    assert entry.user == handler
    assert entry.get_change_message() == note
    assert _history(client, enquiry) == [("handler", note)]
    enquiry.refresh_from_db()
    assert enquiry.updated_at > received_update


def test_mark_contacted_leaves_closed_enquiries_closed_and_says_so(client):
    new = make_enquiry("Alex Example")
    closed = make_enquiry("Bo Other", status=Enquiry.Status.CLOSED)
    also_closed = make_enquiry("Cy Third", status=Enquiry.Status.CLOSED)
    client.force_login(user_in("Enquiry handlers", "handler"))

    response = client.post(
        CHANGELIST,
        {"action": "mark_contacted", "_selected_action": [new.pk, closed.pk, also_closed.pk]},
        follow=True,
    )

    html = response.content.decode()
    assert "1 enquiry marked contacted." in html
    assert "2 closed enquiries were left closed, as they are finished." in html
    for enquiry in (closed, also_closed):
        enquiry.refresh_from_db()
        assert enquiry.status == Enquiry.Status.CLOSED
        assert not LogEntry.objects.filter(object_id=str(enquiry.pk)).exists()
    new.refresh_from_db()
    assert new.status == Enquiry.Status.CONTACTED


def test_marking_enquiries_already_in_that_status_changes_nothing_and_says_so(client):
    contacted = make_enquiry("Alex Example", status=Enquiry.Status.CONTACTED)
    client.force_login(user_in("Enquiry handlers", "handler"))

    response = client.post(
        CHANGELIST, {"action": "mark_contacted", "_selected_action": [contacted.pk]}, follow=True
    )

    assert "1 enquiry was already contacted." in response.content.decode()
    assert "marked contacted" not in response.content.decode()
    assert not LogEntry.objects.exists()


# Staff find an enquiry by the phone number the visitor left, e.g. to match a missed call.


@pytest.mark.parametrize("typed", ["07911 123456", "07911123456", "123456", "07911-123-456"])
def test_searching_by_phone_number_finds_the_enquiry_however_it_is_spaced(client, typed):
    make_enquiry("Alex Example", phone="07911 123456", contact_method="phone")
    make_enquiry("Bo Other", phone="0113 496 0000", contact_method="phone")
    make_enquiry("Cy Third")
    client.force_login(user_in("Enquiry handlers", "handler"))

    html = client.get(CHANGELIST, {"q": typed}).content.decode()

    assert "Alex Example" in html
    assert "Bo Other" not in html and "Cy Third" not in html


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        (True, "Yes"),
        (False, "<strong>No</strong>: do not leave a voicemail."),
        (None, "Not asked (they chose email only)"),
    ],
)
def test_staff_see_the_voicemail_answer_in_words(client, answer, shown):
    client.force_login(user_in("Enquiry handlers", "handler"))
    enquiry = make_enquiry("Alex Example", voicemail_ok=answer)

    page = client.get(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])).text

    field = re.search(r'field-voicemail_display.*?<div class="readonly">(.*?)</div>', page, re.S)
    assert field.group(1).strip() == shown
