"""When even an error page's template fails, the plain page still gives this practice's crisis
numbers (from settings), for the 503 as for the 500."""

import pytest
from django.template import TemplateDoesNotExist
from django.test import RequestFactory

from core import db_errors, errors

OTHER_NUMBERS = {
    "notice": "If you are not safe right now:",
    "emergency": "112",
    "nhs": "0300 000 0000",
    "samaritans": "0800 000 000",
}


@pytest.fixture
def templates_broken(monkeypatch):
    def get_template(name, using=None):
        raise TemplateDoesNotExist(name)

    monkeypatch.setattr(errors.loader, "get_template", get_template)


@pytest.fixture
def other_numbers(settings):
    settings.CRISIS = {**settings.CRISIS, **OTHER_NUMBERS}


def test_the_plain_503_page_gives_the_configured_crisis_numbers(templates_broken, other_numbers):
    response = db_errors.service_unavailable(RequestFactory().get("/"))

    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == str(db_errors.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert "Sorry, the site is temporarily unavailable" in html
    assert "If you are not safe right now: In an emergency call 112" in html
    assert "Samaritans 0800 000 000" in html
    assert "999" not in html and "116 123" not in html


def test_the_plain_500_page_gives_the_configured_crisis_numbers(templates_broken, other_numbers):
    response = errors.server_error(RequestFactory().get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in html
    assert "In an emergency call 112" in html and "NHS 0300 000 0000" in html
    assert "999" not in html


def test_the_503_page_in_the_site_look_needs_no_database():
    # No `db` fixture: a query would raise, and only the plain page would come back.
    response = db_errors.service_unavailable(RequestFactory().get("/articles/"))

    html = response.content.decode()
    assert response.status_code == 503
    assert 'class="skip-link"' in html and "Need urgent help?" in html
