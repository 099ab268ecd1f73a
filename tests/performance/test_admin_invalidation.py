"""What staff change in the admin is what the next visitor sees, though the page was cached."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_article, make_staff_user, make_topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def staff():
    client = Client()
    client.force_login(make_staff_user(is_superuser=True))
    return client


@pytest.fixture
def visitor():
    return Client()


def warm(visitor, url):
    visitor.get(url)
    assert visitor.get(url)["X-Cache"] == "HIT"


def test_unpublishing_in_the_admin_hides_the_cached_article(staff, visitor):
    article = make_article("Pulled today")
    warm(visitor, article.get_absolute_url())

    response = staff.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )

    assert response.status_code == 302
    assert visitor.get(article.get_absolute_url()).status_code == 404


def test_renaming_a_topic_in_the_admin_shows_to_the_next_visitor(staff, visitor):
    topic = make_topic("Worry")
    make_article(topics=[topic])
    warm(visitor, topic.get_absolute_url())

    response = staff.post(
        reverse("admin:articles_topic_change", args=[topic.pk]),
        {"name": "Worry and anxiety", "slug": topic.slug, "description": ""},
    )

    assert response.status_code == 302
    assert "Worry and anxiety" in visitor.get(topic.get_absolute_url()).content.decode()
