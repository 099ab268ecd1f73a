"""Autosave keeps what a person types, as their own draft, without touching the saved page."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editing.models import AutosavedDraft
from tests.factories import make_article, make_modality, make_staff_user, make_therapist, make_topic

pytestmark = pytest.mark.django_db


def _editor(name="alex"):
    user = make_staff_user(name)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def _url(article):
    return reverse("admin:autosave", args=["articles", "article", article.pk])


def test_autosave_keeps_a_draft_per_person_and_never_touches_the_article(client):
    article = make_article("Sleep", body="Saved words.")
    alex = _editor()
    client.force_login(alex)

    response = client.post(_url(article), {"body": "Words typed, not saved.", "status": "draft"})

    assert response.status_code == 204
    article.refresh_from_db()
    assert article.body == "Saved words."
    draft = AutosavedDraft.objects.get(user=alex)
    assert draft.data == {"body": "Words typed, not saved."}  # text only, never the status


def test_reopening_offers_the_autosaved_text_and_restores_it_into_the_form(client):
    article = make_article("Sleep", body="Saved words.")
    client.force_login(_editor())
    client.post(_url(article), {"body": "Words typed, not saved."})
    change = reverse("admin:articles_article_change", args=[article.pk])

    page = client.get(change).text
    assert "You have unsaved changes from" in page
    assert 'href="?_autosave=restore"' in page
    assert "Words typed, not saved." not in page

    restored = client.get(change + "?_autosave=restore").text
    assert "Words typed, not saved.</textarea>" in restored
    assert "are back in the form below" in restored
    article.refresh_from_db()
    assert article.body == "Saved words."


def test_someone_elses_autosave_is_not_offered(client):
    article = make_article("Sleep")
    client.force_login(_editor("sam"))
    client.post(_url(article), {"body": "Sam's words."})

    client.force_login(_editor("alex"))
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert "You have unsaved changes" not in page


def test_autosave_is_staff_only_csrf_protected_and_needs_the_change_permission():
    article = make_article("Sleep")
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post(_url(article), {"body": "x"}).status_code in (302, 403)

    checked = Client(enforce_csrf_checks=True)
    checked.force_login(_editor())
    assert checked.post(_url(article), {"body": "x"}).status_code == 403  # no CSRF token

    viewer = Client()
    viewer.force_login(make_staff_user("viewer"))
    assert viewer.post(_url(article), {"body": "x"}).status_code in (302, 403)
    assert not AutosavedDraft.objects.exists()
    assert Client().get(_url(article)).status_code in (302, 405)


def test_saving_the_page_discards_the_autosave(client):
    article = make_article("Sleep", published=False)
    client.force_login(_editor())
    client.post(_url(article), {"body": "Typed."})
    change = reverse("admin:articles_article_change", args=[article.pk])
    html = client.get(change).text
    based_on = re.search(r'name="_based_on_revision" value="(\d+)"', html).group(1)
    from django.utils import timezone

    local = timezone.localtime(article.publish_at)
    response = client.post(
        change,
        {
            "_based_on_revision": based_on,
            "title": "Sleep",
            "slug": article.slug,
            "summary": "S.",
            "body": "Typed.",
            "status": "draft",
            "publish_at_0": local.strftime("%d/%m/%Y"),
            "publish_at_1": local.strftime("%H:%M:%S"),
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    assert not AutosavedDraft.objects.exists()


def test_the_change_page_loads_the_autosave_script_and_admin_csp_allows_it(client):
    article = make_article("Sleep")
    client.force_login(_editor())
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "js/admin-autosave." in response.text
    assert "connect-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'none'" in Client().get("/")["Content-Security-Policy"]


def test_preview_as_typed_shows_unsaved_text_with_search_and_share_cards_and_saves_nothing(
    client,
):
    article = make_article("Sleep", published=False, body="Saved words.", summary="Saved.")
    client.force_login(_editor())
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert (
        reverse("admin:articles_article_typed_preview", args=[article.pk])
        in client.get(change).text
    )
    from django.utils import timezone

    local = timezone.localtime(article.publish_at)
    data = {
        "title": "Sleep and the small hours",
        "slug": article.slug,
        "summary": "Why worries grow at 3am.",
        "body": "## Typed\n\n•\tNot yet saved",
        "status": "draft",
        "publish_at_0": local.strftime("%d/%m/%Y"),
        "publish_at_1": local.strftime("%H:%M:%S"),
    }
    url = reverse("admin:articles_article_typed_preview", args=[article.pk])

    response = client.post(url, data)

    assert response.status_code == 200
    html = response.text
    assert "nothing is saved" in html
    assert "<li>Not yet saved</li>" in html
    assert "In search results" in html and "Sleep and the small hours · " in html
    assert "When shared" in html and "Why worries grow at 3am." in html
    assert "no-store" in response["Cache-Control"]
    article.refresh_from_db()
    assert article.body == "Saved words." and article.title == "Sleep"
    assert client.get(url).status_code == 405
    assert Client().post(url, data).status_code in (302, 403)  # staff only
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(_editor("sam"))
    assert checked.post(url, data).status_code == 403  # CSRF protected


@pytest.mark.parametrize(
    "page",
    [
        ("admin:articles_article_add", None),
        ("admin:articles_topic_add", None),
        ("admin:therapists_therapist_add", None),
        ("admin:therapists_modality_add", None),
        ("admin:articles_topic_change", make_topic),
        ("admin:therapists_therapist_change", make_therapist),
        ("admin:therapists_modality_change", make_modality),
    ],
    ids=lambda page: page[0].split(":")[1],
)
def test_add_and_change_pages_warn_before_leaving_unsaved_text(client, page):
    name, make = page
    client.force_login(make_staff_user("boss", is_superuser=True))
    args = [make().pk] if make else []
    html = client.get(reverse(name, args=args)).text
    assert "js/admin-autosave." in html
    assert 'id="autosave-config"' in html
    # Autosave itself needs something saved to keep a draft of: change pages only.
    assert ("data-url=" in html) == bool(make)


def _offer_text(page):
    """The offer as a reader sees it: its words, with the template's line breaks collapsed."""
    offer = re.search(r'<div class="autosave-offer" role="status">(.*?)</div>', page, re.S)
    return " ".join(re.sub(r"<[^>]+>", "", offer.group(1)).split())


def test_the_offer_of_autosaved_text_reads_as_plain_sentences(client):
    article = make_article("Sleep", body="Saved words.")
    client.force_login(_editor())
    client.post(_url(article), {"body": "Words typed, not saved."})
    kept = timezone.localtime(AutosavedDraft.objects.get().saved_at)

    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).text

    assert _offer_text(page) == (
        f"You have unsaved changes from {kept:%H:%M}, kept automatically. Restore them into "
        "the form (nothing is saved until you press Save; saving the page as it is discards them)."
    )


def test_the_offer_of_text_autosaved_on_an_earlier_day_names_the_day(client):
    article = make_article("Sleep", body="Saved words.")
    client.force_login(_editor())
    client.post(_url(article), {"body": "Words typed, not saved."})
    kept = timezone.localtime() - timedelta(days=2)
    AutosavedDraft.objects.update(saved_at=kept)
    # The article (never saved in the admin) last changed before the text was typed.
    Article.objects.filter(pk=article.pk).update(updated_at=kept - timedelta(hours=1))

    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).text

    assert _offer_text(page).startswith(
        f"You have unsaved changes from {kept:%H:%M} on {kept.day} {kept:%B}, kept automatically. "
    )
