"""Drafts and scheduled articles never reach a visitor, anywhere."""

import pytest
from django.urls import reverse

from tests.factories import make_article, make_modality, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_and_live():
    """A live article among a draft and a scheduled one that share its topic and modality."""
    topic = make_topic("Anxiety")
    modality = make_modality("CBT", slug="cbt")
    live = make_article("Live article", topics=[topic], modalities=[modality], days_ago=5)
    draft = make_article(
        "Secret draft", topics=[topic], modalities=[modality], published=False, days_ago=3
    )
    scheduled = make_article("Future article", topics=[topic], modalities=[modality], days_ago=-3)
    older = make_article("Older live", topics=[topic], days_ago=10)
    return {"live": live, "draft": draft, "scheduled": scheduled, "older": older, "topic": topic}


HIDDEN = ("draft", "scheduled")


@pytest.mark.parametrize("kind", HIDDEN)
def test_hidden_article_page_is_404(client, hidden_and_live, kind):
    article = hidden_and_live[kind]

    assert client.get(article.get_absolute_url()).status_code == 404


def _assert_no_hidden(html, articles):
    for kind in HIDDEN:
        assert articles[kind].title not in html
        assert articles[kind].get_absolute_url() not in html


def test_hidden_articles_are_not_listed(client, hidden_and_live):
    html = client.get(reverse("articles:list")).content.decode()

    assert "Live article" in html
    _assert_no_hidden(html, hidden_and_live)


def test_hidden_articles_are_not_on_topic_pages(client, hidden_and_live):
    html = client.get(hidden_and_live["topic"].get_absolute_url()).content.decode()

    assert "Live article" in html
    _assert_no_hidden(html, hidden_and_live)


def test_hidden_articles_are_not_neighbours_or_related(client, hidden_and_live):
    html = client.get(hidden_and_live["live"].get_absolute_url()).content.decode()

    assert "Previous article" in html and "Older live" in html
    assert "Next article" not in html  # the newer ones are a draft and a scheduled article
    _assert_no_hidden(html, hidden_and_live)

    html = client.get(hidden_and_live["older"].get_absolute_url()).content.decode()
    assert "Next article" in html and "Live article" in html
    _assert_no_hidden(html, hidden_and_live)


def test_hidden_articles_are_not_in_the_feed(client, hidden_and_live):
    xml = client.get(reverse("articles:feed")).content.decode()

    assert "Live article" in xml
    _assert_no_hidden(xml, hidden_and_live)


def test_hidden_articles_are_not_in_the_sitemap(client, hidden_and_live):
    xml = client.get(reverse("sitemap")).content.decode()

    assert hidden_and_live["live"].get_absolute_url() in xml
    _assert_no_hidden(xml, hidden_and_live)


def test_topic_with_only_hidden_articles_is_not_in_the_sitemap(client):
    lonely = make_topic("Lonely")
    make_article("Only a draft", topics=[lonely], published=False)

    xml = client.get(reverse("sitemap")).content.decode()

    assert lonely.get_absolute_url() not in xml
