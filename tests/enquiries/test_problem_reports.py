"""'Report a problem with this page': stored for staff like an enquiry, with the same
protections (rate limit, honeypot, retention, no content in the notification email)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from enquiries.models import ProblemReport
from tests.factories import make_article

pytestmark = pytest.mark.django_db

URL = reverse("enquiries:report_problem")


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def test_every_article_links_to_the_form_for_its_page(client):
    article = make_article("Finding calm")
    html = client.get(article.get_absolute_url()).text
    assert f'href="{URL}?page=/articles/finding-calm/"' in html
    assert "Report a problem with this page" in html


def test_a_report_is_stored_with_its_page_and_staff_are_told_without_its_content(client, settings):
    settings.ENQUIRY_NOTIFY_EMAILS = ["office@example.org"]
    make_article("Finding calm")
    page = "/articles/finding-calm/"
    form = client.get(URL, {"page": page}).text
    assert f'About the page <a href="{page}">' in form

    response = client.post(
        f"{URL}?page={page}",
        {"problem": "The NHS number is out of date", "email": "reader@example.org"},
    )

    assert response.status_code == 302
    thanks = reverse("enquiries:report_thanks")
    assert response["Location"] == f"{thanks}?page=%2Farticles%2Ffinding-calm%2F"
    report = ProblemReport.objects.get()
    assert (report.page, report.problem, report.email) == (
        page,
        "The NHS number is out of date",
        "reader@example.org",
    )
    (email,) = mail.outbox
    assert "out of date" not in email.body and "reader@example.org" not in email.body
    assert page not in email.body
    assert f"/problemreport/{report.pk}/change/" in email.body


def test_an_outside_address_is_not_kept_as_the_page(client):
    client.post(f"{URL}?page=//evil.example/x", {"problem": "Something"})
    client.post(f"{URL}?page=https://evil.example/", {"problem": "Something else"})
    assert set(ProblemReport.objects.values_list("page", flat=True)) == {""}


def test_an_empty_report_gets_a_clear_error(client):
    response = client.post(URL, {"problem": "   "})
    assert response.status_code == 200
    assert "Tell us what is wrong with the page" in response.text
    assert "There is a problem with your report" in response.text
    assert not ProblemReport.objects.exists()


def test_the_honeypot_turns_robots_away(client):
    response = client.post(URL, {"problem": "Buy now", "website": "http://spam.example"})
    assert response.status_code == 400
    assert "Your report was not sent" in response.text
    assert not ProblemReport.objects.exists()


def test_reports_are_rate_limited_per_address(client, settings):
    settings.ENQUIRY_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(URL, {"problem": "Wrong"}).status_code == 302
    response = client.post(URL, {"problem": "Wrong again"})
    assert response.status_code == 429
    assert "Wrong again" in response.text  # shown back, to copy
    assert ProblemReport.objects.count() == 2
    # Enquiries keep their own count.
    assert "Help me find a therapist" in client.get(reverse("enquiries:contact")).text


def test_old_reports_are_deleted_with_old_enquiries(settings):
    settings.ENQUIRY_RETENTION_DAYS = 30
    old = ProblemReport.objects.create(problem="Old")
    ProblemReport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    ProblemReport.objects.create(problem="New")
    call_command("delete_old_enquiries", stdout=StringIO())
    assert list(ProblemReport.objects.values_list("problem", flat=True)) == ["New"]


def test_only_the_address_of_a_live_page_is_kept_as_the_page(client):
    make_article(title="Finding calm")
    make_article(title="Draft", slug="draft-notes", published=False)
    refused = [
        "/contact/cancel/?q=x/",
        "/admin/<img src=x onerror=alert(1)>",
        "/articles/made-up-slug/",
        "/articles/draft-notes/",
        "/articles/finding-calm/?q=anxiety",
    ]
    kept = ["/articles/finding-calm/", "/articles/finding%2Dcalm/", "/articles/finding-calm/\u200b"]

    for page in refused:
        assert "About the page" not in client.get(URL, {"page": page}).text, page
    for page in kept:
        assert 'About the page <a href="/articles/finding-calm/">Finding calm</a>' in (
            client.get(URL, {"page": page}).text
        ), page
    client.post(f"{URL}?{urlencode({'page': refused[2]})}", {"problem": "Typo"})
    assert ProblemReport.objects.get().page == ""


def test_the_thanks_page_leads_back_to_the_page_reported(client):
    make_article(title="Finding calm")

    response = client.post(
        f"{URL}?page=/articles/finding-calm/", {"problem": "A typo"}, follow=True
    )

    assert 'href="/articles/finding-calm/">Back to Finding calm</a>' in response.text


@pytest.mark.parametrize("articles", [5, 50])
def test_the_report_form_reads_the_sites_pages_once_until_content_changes(
    client, articles, django_assert_max_num_queries
):
    # The page named in `?page=` is checked against the site's live pages; that map is kept
    # until content changes, so the form costs the same with 5 articles or 50.
    for number in range(articles):
        make_article(f"Article number {number}")
    page = "/articles/article-number-3/"
    client.get(URL, {"page": page})
    with django_assert_max_num_queries(2):
        html = client.get(URL, {"page": page}).text
    assert "Article number 3" in html
    renamed = make_article("A newer article")
    assert renamed.get_absolute_url() in client.get(URL, {"page": renamed.get_absolute_url()}).text
