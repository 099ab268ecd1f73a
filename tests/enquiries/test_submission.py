from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from enquiries.models import Enquiry
from tests.factories import make_modality, make_therapist

pytestmark = pytest.mark.django_db

CONTACT = reverse("enquiries:contact")


def test_visitor_sends_an_enquiry_and_sees_what_happens_next(client, valid_data, settings):
    settings.ENQUIRY_NOTIFY_EMAILS = ["team@practice.example"]
    therapist = make_therapist("Sam Rivers", offers_online=True)
    modality = make_modality("Person-centred")
    valid_data |= {
        "preferred_therapist": str(therapist.pk),
        "preferred_modality": str(modality.pk),
        "preferred_format": "online",
        "contact_method": "phone",
        "phone": "07911 123456",
        "voicemail_ok": "no",
    }

    response = client.post(CONTACT, valid_data, follow=True)

    thanks = reverse("enquiries:thanks") + "?therapist=sam-rivers"
    assert response.redirect_chain == [(thanks, 302)]
    assert "Thank you, your enquiry has been sent" in response.content.decode()
    assert "within two working days" in response.content.decode()
    assert "116 123" in response.content.decode()  # crisis signposting
    enquiry = Enquiry.objects.get()
    assert enquiry.name == "Alex Example"
    assert enquiry.email == "alex@example.org"
    assert enquiry.phone.as_e164 == "+447911123456"
    assert enquiry.contact_method == Enquiry.ContactMethod.PHONE
    assert enquiry.preferred_therapist == therapist
    assert enquiry.preferred_modality == modality
    assert enquiry.preferred_format == Enquiry.Format.ONLINE
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.consent is True
    assert enquiry.consented_at is not None


def test_staff_email_links_to_the_admin_and_holds_none_of_the_enquiry(client, valid_data, settings):
    settings.ENQUIRY_NOTIFY_EMAILS = ["team@practice.example", "owner@practice.example"]
    settings.SITE_URL = "https://www.smarttherapy.example"
    valid_data |= {"phone": "07911 123456"}

    client.post(CONTACT, valid_data)

    enquiry = Enquiry.objects.get()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["team@practice.example", "owner@practice.example"]
    admin_link = "https://www.smarttherapy.example" + reverse(
        "admin:enquiries_enquiry_change", args=[enquiry.pk]
    )
    assert admin_link in email.body
    everything_sent = email.subject + email.body
    for private in ["Alex", "alex@example.org", "bereavement", "anxious", "07911"]:
        assert private not in everything_sent


def test_enquiry_is_kept_and_visitor_thanked_when_email_fails(client, valid_data, caplog):
    with mock.patch("enquiries.services.send_mail", side_effect=SMTPException("mail is down")):
        response = client.post(CONTACT, valid_data)

    assert response.status_code == 302
    assert response["Location"] == reverse("enquiries:thanks")
    assert Enquiry.objects.filter(name="Alex Example").exists()
    assert "notification email failed" in caplog.text


def test_enquiry_is_kept_when_the_mail_server_cannot_be_reached(client, valid_data, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens, so the connection is refused
    settings.EMAIL_TIMEOUT = 2

    response = client.post(CONTACT, valid_data)

    assert response.status_code == 302
    assert Enquiry.objects.count() == 1


def test_filled_honeypot_is_refused_with_a_plain_explanation_and_nothing_saved(client, valid_data):
    valid_data["website"] = "http://spam.example"

    response = client.post(CONTACT, valid_data)

    assert response.status_code == 400
    assert "Your enquiry was not sent" in response.content.decode()
    assert "feeling anxious" not in response.content.decode()  # a robot's text is not echoed
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_is_in_the_form_but_hidden_by_a_class_not_a_style(client):
    html = client.get(CONTACT).content.decode()

    assert 'class="honeypot"' in html
    assert 'name="website"' in html
    assert "style=" not in html


def test_address_over_the_hourly_limit_gets_429_and_nothing_more_is_saved(
    client, valid_data, settings
):
    settings.ENQUIRY_RATE_LIMIT = 3
    for _ in range(3):
        assert client.post(CONTACT, valid_data).status_code == 302

    response = client.post(CONTACT, valid_data)

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "try again in an hour" in response.content.decode()
    assert Enquiry.objects.count() == 3
    assert len(mail.outbox) == 3


def test_an_enquiry_held_back_by_the_limit_shows_what_was_written_to_copy(
    client, valid_data, settings
):
    settings.ENQUIRY_RATE_LIMIT = 1
    client.post(CONTACT, valid_data)
    typed = {**valid_data, "message": "I have been <struggling> to sleep.\r\nSince March."}

    response = client.post(CONTACT, typed)

    assert response.status_code == 429
    html = response.content.decode()
    assert "What you wrote" in html
    assert "I have been &lt;struggling&gt; to sleep.<br>Since March." in html


def test_rate_limit_counts_each_address_separately(client, valid_data, settings):
    settings.ENQUIRY_RATE_LIMIT = 1
    assert client.post(CONTACT, valid_data, REMOTE_ADDR="192.0.2.1").status_code == 302
    assert client.post(CONTACT, valid_data, REMOTE_ADDR="192.0.2.1").status_code == 429

    response = client.post(CONTACT, valid_data, REMOTE_ADDR="192.0.2.2")

    assert response.status_code == 302
    assert Enquiry.objects.count() == 2


def test_mistakes_do_not_count_towards_the_rate_limit(client, valid_data, settings):
    settings.ENQUIRY_RATE_LIMIT = 1
    for _ in range(3):
        assert client.post(CONTACT, valid_data | {"email": "wrong"}).status_code == 200

    assert client.post(CONTACT, valid_data).status_code == 302


def test_behind_our_proxy_each_visitor_is_counted_by_their_own_address(
    client, valid_data, settings
):
    settings.ENQUIRY_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = client.post(CONTACT, valid_data, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    again = client.post(CONTACT, valid_data, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    other = client.post(CONTACT, valid_data, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)

    assert (first.status_code, again.status_code, other.status_code) == (302, 429, 302)
