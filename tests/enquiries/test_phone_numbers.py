"""Phone numbers are checked (libphonenumber, UK numbers by default, any number that starts with
+ and its country code), stored in E.164, and shown to staff in national format as a link."""

import pytest
from django.db import connection
from django.urls import reverse

from enquiries.forms import PHONE_INVALID
from enquiries.models import Enquiry
from tests.enquiries.test_admin import user_in
from tests.factories import make_enquiry
from tests.migrating import migrate, migrate_to_latest

CONTACT = reverse("enquiries:contact")


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["call me maybe", "😀😀😀", "123", "07911 12345", "+44"])
def test_a_number_nobody_could_call_is_refused_with_a_message(client, valid_data, typed):
    valid_data |= {"contact_method": "phone", "phone": typed}

    response = client.post(CONTACT, valid_data)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"Error: {PHONE_INVALID}" in html
    assert "Enter a phone number, or choose email" not in html  # one message, the right one
    assert not Enquiry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("07911 123456", "+447911123456"),
        ("07911-123-456", "+447911123456"),
        ("(020) 7946 0123", "+442079460123"),
        ("+44 20 7946 0123", "+442079460123"),
        ("0044 113 496 0000", "+441134960000"),
        ("+33 1 23 45 67 89", "+33123456789"),
        ("+1 650-253-0000", "+16502530000"),
    ],
)
def test_uk_and_international_numbers_are_stored_in_e164(client, valid_data, typed, stored):
    valid_data |= {"contact_method": "phone", "phone": typed}

    assert client.post(CONTACT, valid_data).status_code == 302

    raw = Enquiry.objects.values_list("phone", flat=True).get()
    assert str(raw) == stored
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM enquiries_enquiry")
        assert cursor.fetchone()[0] == stored


@pytest.mark.django_db
def test_staff_see_the_number_in_national_format_as_a_link_that_dials_it(client):
    home = make_enquiry("Alex Home", phone="+447911123456", contact_method="phone")
    abroad = make_enquiry("Bea Abroad", phone="+33123456789", contact_method="phone")
    old = make_enquiry("Cy Old")
    Enquiry.objects.filter(pk=old.pk).update(phone="call me maybe")
    client.force_login(user_in("Enquiry handlers", "handler"))

    def page(enquiry):
        url = reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])
        return client.get(url).content.decode()

    html = page(home)
    assert '<a href="tel:+447911123456">07911 123456</a>' in html
    assert '<a href="tel:+33123456789">+33 1 23 45 67 89</a>' in page(abroad)
    assert "call me maybe (not a valid phone number: kept as the visitor typed it)" in page(old)


@pytest.mark.django_db(transaction=True)
def test_the_migration_rewrites_old_numbers_in_e164_and_keeps_what_it_cannot_read():
    before = [("enquiries", "0002_enquiry_handlers_group")]
    after = [("enquiries", "0003_phone_number_e164")]
    old_enquiry = migrate(before).get_model("enquiries", "Enquiry")
    typed = ["07911 123456", "+33 1 23 45 67 89", "call me maybe", "😀😀😀", "123", ""]
    for n, phone in enumerate(typed):
        old_enquiry.objects.create(name=f"Old {n}", email=f"old{n}@example.org", phone=phone)

    migrate(after)

    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM enquiries_enquiry ORDER BY name")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored == ["+447911123456", "+33123456789", "call me maybe", "😀😀😀", "123", ""]
    # Still readable through the model (once every later migration has run, as the running code
    # needs): the old value, as typed.
    migrate_to_latest()
    assert str(Enquiry.objects.get(name="Old 2").phone) == "call me maybe"


@pytest.mark.django_db
def test_staff_see_the_email_address_as_a_link_that_writes_to_it(client):
    enquiry = make_enquiry("Bo Home", email="bo.home+therapy@example.org")
    client.force_login(user_in("Enquiry handlers", "handler"))

    html = client.get(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])).text

    assert '<a href="mailto:bo.home%2Btherapy@example.org">bo.home+therapy@example.org</a>' in html
