"""Reviewed articles: a named clinical reviewer, dates, sources, and a note once overdue."""

import json
import re
from datetime import date, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Source
from core import dates
from tests.factories import article_form_data, make_article, make_therapist

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def reviewed_article(reviewer, days_ago=10, title="Finding calm", **fields):
    article = make_article(title, **fields)
    article.record_review(reviewer, today=dates.today() - timedelta(days=days_ago))
    article.save()
    return article


def test_the_review_date_moves_only_with_the_tick(client, editor):
    priya = make_therapist("Priya Raman", staff_user=editor)  # the editor signs in as Priya
    article = reviewed_article(priya, days_ago=100)
    before = article.last_reviewed
    url = reverse("admin:articles_article_change", args=[article.pk])

    # An edit, even with the reviewer chosen, is not a review.
    client.post(url, article_form_data(article, summary=article.summary + ","))
    article.refresh_from_db()
    assert article.last_reviewed == before
    assert article.summary.endswith(",")

    client.post(url, article_form_data(article, reviewed_whole_article="on"))
    article.refresh_from_db()
    assert article.last_reviewed == dates.today()
    assert article.next_review_due == dates.add_months(dates.today(), 12)
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("action_time")
    assert "clinical review (by Priya Raman, today)" in entry.get_change_message()


def test_the_next_review_follows_the_setting(client, editor, settings):
    settings.ARTICLE_REVIEW_MONTHS = 6
    priya = make_therapist("Priya Raman", staff_user=editor)
    article = make_article("Finding calm", reviewer=priya)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, article_form_data(article, reviewed_whole_article="on"))
    article.refresh_from_db()
    assert article.next_review_due == dates.add_months(dates.today(), 6)


def test_a_review_needs_a_reviewer(client, editor):
    article = make_article("Finding calm")
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_form_data(article, reviewed_whole_article="on"))
    assert "Choose the clinical reviewer who reviewed the article." in response.text
    article.refresh_from_db()
    assert article.last_reviewed is None


def test_the_page_names_author_reviewer_and_dates(client):
    author = make_therapist("Amelia Hart")
    priya = make_therapist("Priya Raman")
    article = make_article("Finding calm", author=author)
    article.record_review(priya, today=date(2026, 3, 3))
    article.next_review_due = date(2099, 3, 3)
    article.save()

    html = client.get(article.get_absolute_url()).text
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert (
        "Written by Amelia Hart · Reviewed by Priya Raman on 3 March 2026 · "
        "Next review due March 2099" in text
    )
    assert "due for review" not in html


def test_an_overdue_article_shows_its_note(client):
    priya = make_therapist("Priya Raman")
    article = reviewed_article(priya, days_ago=400)
    checked = article.last_reviewed

    html = " ".join(client.get(article.get_absolute_url()).text.split())
    assert (
        f"This article is due for review; it was last checked on {checked.day} "
        f"{checked:%B %Y}." in html
    )


def test_the_overdue_moment_is_the_midnight_after_the_due_date():
    priya = make_therapist("Priya Raman")
    article = reviewed_article(priya)
    Article.objects.filter(pk=article.pk).update(next_review_due=dates.today())
    midnight = dates.start_of(dates.today() + timedelta(days=1))
    assert Article.objects.next_review_overdue_time() == midnight
    assert Article.objects.next_change() == midnight


def test_the_page_cache_asks_for_the_next_review_moment(client, settings, monkeypatch, clock):
    """The review date is part of the page cache's next-change time: when it passes, the next
    request renders the page again (with its note)."""
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    priya = make_therapist("Priya Raman")
    article = reviewed_article(priya)
    # Pretend the midnight after its due date is a minute away.
    soon = timezone.now() + timedelta(minutes=1)
    monkeypatch.setattr(type(Article.objects.all()), "next_review_overdue_time", lambda self: soon)
    Article.objects.get(pk=article.pk).save()  # a change: the cache reads the schedule again
    try:
        client.get(article.get_absolute_url())
        assert client.get(article.get_absolute_url())["X-Cache"] == "HIT"
        clock.advance(59)
        assert client.get(article.get_absolute_url())["X-Cache"] == "HIT"
        clock.advance(2)
        assert client.get(article.get_absolute_url())["X-Cache"] == "MISS"
    finally:
        cache.clear()


def test_json_ld_has_reviewed_by_last_reviewed_and_citations(client):
    priya = make_therapist("Priya Raman")
    article = reviewed_article(priya, days_ago=5)
    Source.objects.create(
        article=article,
        title="Generalised anxiety disorder",
        publisher="NICE",
        url="https://www.nice.org.uk/guidance/cg113",
        year=2011,
    )

    html = client.get(article.get_absolute_url()).text
    (posting,) = [data for data in json_ld(html) if data.get("@type") == "BlogPosting"]
    page = posting["mainEntityOfPage"]
    assert page["@type"] == "WebPage"
    assert page["reviewedBy"]["name"] == "Priya Raman"
    assert page["lastReviewed"] == article.last_reviewed.isoformat()
    assert posting["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "Generalised anxiety disorder",
            "publisher": {"@type": "Organization", "name": "NICE"},
            "url": "https://www.nice.org.uk/guidance/cg113",
            "datePublished": "2011",
        }
    ]
    assert '<h2 id="sources-heading">Sources</h2>' in html


def test_a_reviewer_who_is_no_longer_listed_is_not_named(client):
    gone = make_therapist("Gone Gail")
    article = reviewed_article(gone)
    gone.is_active = False
    gone.save()
    html = client.get(article.get_absolute_url()).text
    assert "Gone Gail" not in html
    assert "reviewedBy" not in html


def test_reviews_due_lists_overdue_first_with_a_count_on_the_index(client, editor):
    priya = make_therapist("Priya Raman")
    reviewed_article(priya, days_ago=10, slug="fresh", title="Fresh")
    overdue = make_article("Overdue piece", slug="overdue")
    overdue.record_review(priya, today=dates.today() - timedelta(days=500))
    overdue.save()
    make_article("Never reviewed piece", slug="never")
    make_article("A draft", slug="draft", published=False)

    html = client.get(reverse("admin:articles_reviewdue_changelist")).text
    assert "Overdue piece" in html and "Never reviewed piece" in html
    assert "Fresh" not in html and "A draft" not in html
    assert html.index("Never reviewed piece") < html.index("Overdue piece")
    assert "Reviews due (2)" in client.get(reverse("admin:index")).text
