"""A form posted to the admin after the sign-in expired is shown back, not thrown away.

An editor who writes for longer than SESSION_IDLE_TIMEOUT and then presses Save used to be
redirected to the sign-in page (a GET), losing the text. Now the answer is a 403 page saying
nothing was saved, with what they sent in read-only boxes to copy back.
"""

import html
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import article_form_data, make_article, make_staff_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-123"
TITLE = "What a long afternoon of writing"
BODY = "## Slowing down\n\nAn hour and a half of careful words.\n\n<em>Keep</em> & carry on."


@pytest.fixture
def editor(client):
    user = make_staff_user("editor", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def expire_sessions():
    """What SESSION_IDLE_TIMEOUT does to a session left idle: it is over."""
    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))


def article_form(**overrides):
    return article_form_data(
        **{
            "csrfmiddlewaretoken": "not-shown-back",
            "title": TITLE,
            "slug": "a-long-afternoon",
            "summary": "A summary.",
            "body": BODY,
            **overrides,
        }
    )


def textareas(response):
    """{label: text} for each read-only box on the page."""
    page = response.content.decode()
    labels = dict(re.findall(r'<label for="(sent-\d+)">([^<]*):</label>', page))
    boxes = re.findall(r'<textarea id="(sent-\d+)"[^>]*\breadonly>\n?(.*?)</textarea>', page, re.S)
    return {html.unescape(labels[box_id]): html.unescape(text) for box_id, text in boxes}


def test_saving_an_article_after_the_session_expired_shows_the_text_back(client, editor):
    article = make_article("Before", published=False)
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    expire_sessions()

    response = client.post(change_url, article_form(topics=["3", "7"]))

    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Your sign-in has expired: nothing was saved" in page
    boxes = textareas(response)
    assert boxes["Title"] == TITLE
    assert boxes["Body"] == BODY
    assert boxes["Summary"] == "A summary."
    # Not text anyone typed, or never to be shown again.
    assert "not-shown-back" not in page
    assert not any(label.startswith(("Csrf", "Save")) for label in boxes)
    assert "Author" not in boxes  # left empty
    assert "Topics" not in boxes  # ids picked from a list
    # Escaped, not markup.
    assert "<em>Keep</em>" not in page
    assert "&lt;em&gt;Keep&lt;/em&gt; &amp; carry on." in page
    # Sign in again in a new tab, then come back here to copy the text.
    login = re.search(r'<a href="([^"]+)" target="_blank" rel="noopener">Sign in again', page)
    assert login is not None
    assert html.unescape(login.group(1)).startswith(reverse("admin:login") + "?next=")
    assert "Come back to this page" in page

    article.refresh_from_db()
    assert article.title == "Before"
    assert "_auth_user_id" not in client.session


def test_adding_an_article_without_a_session_saves_nothing_and_shows_the_text(client, db):
    response = client.post(reverse("admin:articles_article_add"), article_form())
    assert response.status_code == 403
    assert textareas(response)["Title"] == TITLE
    assert textareas(response)["Body"] == BODY
    assert not Article.objects.exists()


def test_a_page_opened_after_the_session_expired_still_goes_to_sign_in(client, editor):
    article = make_article("Before", published=False)
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    expire_sessions()
    response = client.get(change_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_signed_in_editor_still_saves(client, editor):
    article = make_article("Before", published=False)
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(slug=article.slug),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == TITLE


def test_passwords_and_files_are_never_shown_back(client, db):
    response = client.post(
        reverse("admin:password_change"),
        {
            "old_password": "old-secret-value-1",
            "new_password1": "new-secret-value-2",
            "new_password2": "new-secret-value-2",
        },
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "secret-value" not in page
    assert textareas(response) == {}


def test_a_chosen_image_is_named_so_it_can_be_chosen_again(client, db):
    upload = ("hero.jpg", b"\xff\xd8\xff not really a jpeg")
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form(hero_image=SimpleUploadedFile(*upload, content_type="image/jpeg")),
    )
    assert response.status_code == 403
    assert "hero.jpg" in response.content.decode()
    assert "Hero image" not in textareas(response)
    assert not Article.objects.exists()


def test_the_csrf_check_still_comes_first():
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.post(reverse("admin:articles_article_add"), article_form())
    assert response.status_code == 403
    assert TITLE not in response.content.decode()


def test_with_a_valid_csrf_token_a_signed_out_post_gets_the_page(db):
    visitor = Client(enforce_csrf_checks=True)
    login_page = visitor.get(reverse("admin:login")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    response = visitor.post(
        reverse("admin:articles_article_add"), article_form(csrfmiddlewaretoken=token)
    )
    assert response.status_code == 403
    assert textareas(response)["Title"] == TITLE


def test_logging_out_when_already_signed_out_still_goes_to_the_index(client, db):
    response = client.post(reverse("admin:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_the_sign_in_form_itself_is_unaffected(client, db):
    make_staff_user("editor", password=PASSWORD)
    wrong = client.post(reverse("admin:login"), {"username": "editor", "password": "nope-wrong"})
    assert wrong.status_code == 200
    assert b"Please enter the correct username and password" in wrong.content
    right = client.post(reverse("admin:login"), {"username": "editor", "password": PASSWORD})
    assert right.status_code == 302
    assert "_auth_user_id" in client.session


def test_with_two_factor_on_a_signed_out_post_gets_the_page_too(client, db, settings):
    settings.ADMIN_REQUIRE_2FA = True
    response = client.post(reverse("admin:articles_article_add"), article_form())
    assert response.status_code == 403
    assert textareas(response)["Body"] == BODY


def test_the_expired_session_page_names_date_and_time_boxes_plainly(rf):
    from editing.admin_site import posted_text

    request = rf.post("/admin/x/", {"publish_at_0": "03/12/2026", "publish_at_1": "14:32:00"})
    assert [label for label, _text, _rows in posted_text(request)] == [
        "Publish at (date)",
        "Publish at (time)",
    ]
