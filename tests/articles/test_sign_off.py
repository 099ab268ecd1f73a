"""Clinical sign-off before publishing: a listed therapist other than the author reviews the
body as it is; a later change to the body asks again; the practice may switch it off."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import article_form_data, make_article, make_therapist

pytestmark = pytest.mark.django_db


def _post(client, article, **overrides):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_form_data(article, **overrides))
    article.refresh_from_db()
    return response


def test_an_article_is_not_published_without_a_clinical_sign_off(client, editor):
    draft = make_article("Sleep", published=False)

    refused = _post(client, draft, status="published")

    assert refused.status_code == 200
    assert "A clinical reviewer (a therapist of the practice other than the author)" in (
        refused.text
    )
    assert draft.status == Article.Status.DRAFT


def test_a_reviewer_signing_in_as_themself_signs_off_and_publishes(client, editor):
    priya = make_therapist("Priya Raman", staff_user=editor)
    draft = make_article("Sleep", published=False, author=make_therapist("Ola Writer"))

    saved = _post(client, draft, status="published", reviewer=priya.pk, reviewed_whole_article="on")

    assert saved.status_code == 302
    assert draft.status == Article.Status.PUBLISHED
    assert draft.signed_off and draft.review_recorded_by == editor


def test_staff_recording_a_review_for_a_therapist_write_how_it_was_given(client, editor):
    priya = make_therapist("Priya Raman")
    draft = make_article("Sleep", published=False)
    ticked = {"status": "published", "reviewer": priya.pk, "reviewed_whole_article": "on"}

    refused = _post(client, draft, **ticked)
    assert "You are recording this review for Priya Raman" in refused.text
    assert draft.status == Article.Status.DRAFT

    note = "Read by Priya on 3 May, approved by email."
    assert _post(client, draft, **ticked, review_note=note).status_code == 302
    assert draft.status == Article.Status.PUBLISHED
    assert draft.review_note == note
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk])).text
    assert "Signed off by Priya Raman" in page and "Recorded by Eve" in page


def test_the_author_cannot_sign_off_their_own_article(client, editor):
    priya = make_therapist("Priya Raman", staff_user=editor)
    draft = make_article("Sleep", published=False, author=priya)

    refused = _post(
        client, draft, status="published", reviewer=priya.pk, reviewed_whole_article="on"
    )
    assert "The clinical reviewer is someone other than the author" in refused.text
    assert draft.status == Article.Status.DRAFT


def test_a_body_change_after_sign_off_asks_again_but_a_summary_change_does_not(client, editor):
    priya = make_therapist("Priya Raman", staff_user=editor)
    draft = make_article("Sleep", published=False)
    assert _post(client, draft, reviewer=priya.pk, reviewed_whole_article="on").status_code == 302
    assert draft.status == Article.Status.DRAFT and draft.signed_off

    assert _post(client, draft, body=draft.body + "\n\nA new paragraph.").status_code == 302
    refused = _post(client, draft, status="published")
    assert "The body has changed since its clinical sign-off" in refused.text
    assert draft.status == Article.Status.DRAFT

    assert _post(client, draft, reviewed_whole_article="on").status_code == 302  # read again
    assert _post(client, draft, summary="Sleep, briefly.", status="published").status_code == 302
    assert draft.status == Article.Status.PUBLISHED


def test_a_live_articles_body_change_needs_the_sign_off_in_the_same_save(client, editor):
    priya = make_therapist("Priya Raman", staff_user=editor)
    draft = make_article("Sleep", published=False)
    _post(client, draft, status="published", reviewer=priya.pk, reviewed_whole_article="on")
    assert draft.status == Article.Status.PUBLISHED

    refused = _post(client, draft, body="Rewritten without review.")
    assert "The body has changed since its clinical sign-off" in refused.text
    assert draft.body != "Rewritten without review."
    saved = _post(client, draft, body="Rewritten and read.", reviewed_whole_article="on")
    assert saved.status_code == 302 and draft.body == "Rewritten and read."


def test_a_scheduled_article_needs_the_sign_off_too(client, editor):
    draft = make_article("Sleep", published=False)
    refused = _post(
        client, draft, status="published", publish_at_0="01/01/2099", publish_at_1="09:00:00"
    )
    assert refused.status_code == 200
    assert draft.status == Article.Status.DRAFT


def test_the_lists_publish_action_publishes_only_signed_off_articles(client, editor):
    priya = make_therapist("Priya Raman", staff_user=editor)
    unsigned = make_article("Unsigned", published=False)
    signed = make_article("Signed", published=False)
    _post(client, signed, reviewer=priya.pk, reviewed_whole_article="on")

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [unsigned.pk, signed.pk]},
        follow=True,
    )

    assert "their clinical reviewer has not signed off the text as it is now: “Unsigned”" in (
        response.text
    )
    unsigned.refresh_from_db()
    signed.refresh_from_db()
    assert unsigned.status == Article.Status.DRAFT
    assert signed.status == Article.Status.PUBLISHED


def test_a_practice_may_switch_the_sign_off_off_and_the_policy_says_so(client, editor, settings):
    assert "a later change to its text is read again" in client.get(
        reverse("editorial:policy")
    ).text.replace("\n", " ")
    settings.CLINICAL_REVIEW_REQUIRED = False
    draft = make_article("Sleep", published=False)

    assert _post(client, draft, status="published").status_code == 302
    assert draft.status == Article.Status.PUBLISHED
    policy = client.get(reverse("editorial:policy")).text
    assert "Before an article is published, a clinical reviewer" not in policy
    assert "Our therapists check articles" in policy
