"""Safe messaging (the Samaritans' media guidelines): an article mentioning suicide or self-harm
shows the editor a panel, and cannot be published without its support box."""

import pytest
from django.urls import reverse

from articles.models import Article
from editing import safe_messaging
from tests.factories import article_form_data, make_article

pytestmark = pytest.mark.django_db

ABOUT_SUICIDE = (
    "## When someone you love has died\n\n"
    "Her brother committed suicide three years ago, after a failed attempt the spring before. "
    "Newspapers called it a suicide epidemic.\n"
)
ABOUT_SELF_HARM = "Many young people self-harm as a way of coping with overwhelming feelings."
UNRELATED = "A failed attempt at baking bread can still be a good afternoon."


@pytest.fixture(autouse=True)
def _no_sign_off_needed(settings):
    """Publishing here is about dates, history and safe messaging; the clinical sign-off it
    also needs by default is tested in tests/articles/test_sign_off.py."""
    settings.CLINICAL_REVIEW_REQUIRED = False


def form(**overrides):
    return article_form_data(
        **{
            "title": "Grief after suicide",
            "slug": "grief-after-suicide",
            "summary": "Living with a loss by suicide.",
            "body": ABOUT_SUICIDE,
            "status": "published",
            **overrides,
        }
    )


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        (ABOUT_SUICIDE, True),
        (ABOUT_SELF_HARM, True),
        ("He had thoughts of ending his life.", True),
        ("She spoke about wanting to end her own life.", True),
        ("Suicidal thoughts are more common than people think.", True),
        (UNRELATED, False),
    ],
)
def test_which_texts_mention_suicide_or_self_harm(text, mentions):
    assert safe_messaging.mentions_suicide_or_self_harm(text) is mentions


def test_phrases_to_avoid_are_found_with_a_suggested_wording():
    found = dict(safe_messaging.phrases_to_avoid(ABOUT_SUICIDE))
    assert list(found) == ["committed suicide", "failed attempt", "suicide epidemic"]
    assert "died by suicide" in found["committed suicide"]
    assert "attempted suicide" in found["failed attempt"]
    assert "rise in" in found["suicide epidemic"]


def test_an_article_mentioning_suicide_cannot_be_published_without_the_support_box(client, editor):
    response = client.post(reverse("admin:articles_article_add"), form())
    assert response.status_code == 200
    assert "switch on the support box before publishing it" in response.text
    assert "“committed suicide”: write “died by suicide”" in response.text
    assert not Article.objects.exists()

    # As a draft it saves, and the panel lists what to reword.
    client.post(reverse("admin:articles_article_add"), form(status="draft"))
    article = Article.objects.get()
    change = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert "This article mentions suicide or self-harm." in change
    assert "Do not describe methods" in change
    assert "committed suicide" in change

    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        form(show_support_box="on"),
    )
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    page = client.get(article.get_absolute_url()).text
    assert 'aria-labelledby="support-box-heading"' in page
    assert "Call Samaritans on" in page


def test_the_publish_action_leaves_an_unsafe_article_unpublished(client, editor):
    article = make_article("Grief after suicide", body=ABOUT_SUICIDE, published=False)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "Not published, as they mention suicide or self-harm" in response.text
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_an_article_about_something_else_publishes_as_before(client, editor):
    client.post(
        reverse("admin:articles_article_add"),
        form(body=UNRELATED, title="Bread", slug="bread"),
    )
    assert Article.objects.get(slug="bread").status == Article.Status.PUBLISHED


def test_the_support_box_only_shows_when_switched_on(client):
    article = make_article("Bread", body=UNRELATED)
    assert "support-box-heading" not in client.get(article.get_absolute_url()).text
