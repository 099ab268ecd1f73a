"""Error pages look like the site, keep the help in the footer, and need no database."""

import pytest
from django.test import RequestFactory

from core.errors import server_error


@pytest.mark.django_db
def test_unknown_address_gets_a_friendly_404_in_the_site_look(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can’t find that page" in html
    assert 'class="skip-link"' in html
    assert 'id="urgent-help"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_500_page_renders_without_the_database():
    # No `db` fixture: any query here would raise, and the handler would fall back to the
    # bare page, which has no skip link and no footer.
    request = RequestFactory().get("/articles/")
    response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong on our side" in html
    assert 'class="skip-link"' in html
    assert "Need urgent help?" in html
    assert '<a href="tel:116123">116 123</a>' in html


@pytest.mark.urls("tests.design.urls_boom")
def test_a_crash_shows_the_500_page_with_crisis_help(client, settings):
    settings.PRACTICE = {**settings.PRACTICE, "name": "Calm Rooms"}
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong on our side" in html
    assert "Calm Rooms" in html
    assert 'id="urgent-help"' in html


def test_500_page_falls_back_to_plain_text_help_if_its_template_breaks(settings):
    request = RequestFactory().get("/")
    response = server_error(request, template_name="no-such-template.html")
    html = response.content.decode()
    assert response.status_code == 500
    assert "In an emergency call 999" in html
    assert "Samaritans 116 123" in html


@pytest.mark.django_db
@pytest.mark.parametrize("status", [400, 403])
def test_400_and_403_pages_explain_and_offer_a_way_home(rf, status):
    from django.views import defaults

    request = rf.get("/")
    handler = defaults.bad_request if status == 400 else defaults.permission_denied
    response = handler(request, Exception("secret detail"))
    html = response.content.decode()
    assert response.status_code == status
    assert f"Error {status}" in html
    assert "secret detail" not in html
    assert 'class="site-header"' in html
