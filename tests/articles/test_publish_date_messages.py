"""What the admin says when publishing a draft moves its date to now: the old date is named only
when it reads differently from the new one (a draft started a minute ago is not "redated")."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.articles.test_admin import (  # noqa: F401 (the fixture)
    _action,
    _no_sign_off_needed,
    _publish_form,
)
from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("editor")]


def _when(moment):
    return date_format(timezone.localtime(moment), "j F Y, H:i")


@pytest.fixture
def half_past_the_minute(monkeypatch):
    """The clock stopped 30 seconds into the current minute: a draft started 20 seconds ago
    was started in the same minute, whenever the test runs."""
    real = timezone.now()
    moment = real.replace(second=30, microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def test_a_draft_started_this_minute_and_published_in_the_form_names_no_earlier_date(
    client, half_past_the_minute
):
    now = half_past_the_minute
    draft = make_article("Written quickly", published=False, publish_at=now - timedelta(seconds=20))

    response = client.post(
        reverse("admin:articles_article_change", args=[draft.pk]),
        _publish_form(client, draft),
        follow=True,
    )

    html = response.content.decode()
    assert f"“Written quickly” is published now; its publish date was set to {_when(now)}." in html
    assert "(it was" not in html
    assert "To keep the earlier date" not in html


def test_a_draft_started_earlier_and_published_in_the_form_names_its_old_date(
    client, half_past_the_minute
):
    now = half_past_the_minute
    started = now - timedelta(days=7)
    draft = make_article("Started last week", published=False, publish_at=started)

    response = client.post(
        reverse("admin:articles_article_change", args=[draft.pk]),
        _publish_form(client, draft),
        follow=True,
    )

    assert (
        f"its publish date was set to {_when(now)} (it was {_when(started)}). To keep the "
        "earlier date, set it under Publishing and save again."
    ) in response.content.decode()


def test_history_names_no_earlier_date_for_a_draft_started_this_minute(
    client, half_past_the_minute
):
    now = half_past_the_minute
    draft = make_article("Written quickly", published=False, publish_at=now - timedelta(seconds=20))

    _action(client, "publish", draft)

    entry = LogEntry.objects.get(object_id=str(draft.pk))
    assert entry.get_change_message() == f"Published; publish date set to {_when(now)}."
