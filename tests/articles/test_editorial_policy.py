"""The editorial policy page: a default text until staff write their own in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import EditorialPolicy
from tests.factories import make_staff_user

pytestmark = pytest.mark.django_db

URL = "/editorial-policy/"


def test_the_default_policy_covers_reviews_advertising_tracking_and_problems(client, settings):
    settings.ARTICLE_REVIEW_MONTHS = 12
    html = client.get(URL).text
    assert "<h1>Editorial policy</h1>" in html
    assert "clinical reviewer" in html
    assert "at least every 12 months" in html
    assert "no advertising" in html.lower()
    assert "no tracking" in html.lower()
    assert f'href="{reverse("enquiries:report_problem")}"' in html


def test_staff_edit_the_policy_in_the_admin(client):
    editor = make_staff_user("editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    start = client.get(reverse("admin:articles_editorialpolicy_changelist"), follow=True)
    assert "Who writes our articles" in start.text  # the form starts from the default text
    client.post(
        reverse("admin:articles_editorialpolicy_add"),
        {"body": "## Our promise\n\nEvery article is *reviewed*."},
    )
    assert EditorialPolicy.objects.count() == 1
    page = type(client)().get(URL).text
    assert "<em>reviewed</em>" in page
    assert "Who writes our articles" not in page
    # One policy: the list now opens it, and no second can be added.
    opened = client.get(reverse("admin:articles_editorialpolicy_changelist"))
    assert opened["Location"].endswith(f"/{EditorialPolicy.objects.get().pk}/change/")
    assert client.get(reverse("admin:articles_editorialpolicy_add")).status_code == 403
