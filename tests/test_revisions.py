"""Staff never lose work: every admin save is a revision; compare, restore, edit conflicts."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision, Version

from articles.models import Article
from editing.revisions import word_diff
from tests.factories import make_article, make_staff_user, make_therapist
from therapists.models import Membership, Therapist

pytestmark = pytest.mark.django_db


def _editor(name):
    user = make_staff_user(name, first_name=name.capitalize())
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def alex(client):
    user = _editor("alex")
    client.force_login(user)
    return user


def _change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def _form_of(client, article):
    """The article's change form as the browser would post it, unchanged."""
    article.refresh_from_db()
    html = client.get(_change_url(article)).text
    based_on = re.search(r'name="_based_on_revision" value="(\d+)"', html).group(1)
    local = timezone.localtime(article.publish_at)
    return {
        "_based_on_revision": based_on,
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "body": article.body,
        "status": article.status,
        "publish_at_0": local.strftime("%d/%m/%Y"),
        "publish_at_1": local.strftime("%H:%M:%S"),
        "author": "",
        "hero_image_alt": "",
        "cta_heading": "",
        "cta_text": "",
        "seo_title": "",
        "seo_description": "",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "_save": "Save",
    }


def _save(client, article, **changes):
    return client.post(_change_url(article), {**_form_of(client, article), **changes})


def _versions(article):
    return list(Version.objects.get_for_object(article).order_by("pk"))


# Revisions -------------------------------------------------------------------------------------


def test_every_admin_save_keeps_a_full_revision_with_who_and_when(client, alex):
    article = make_article("Sleep", published=False, body="Rest well.")

    assert _save(client, article, body="Rest well, and often.").status_code == 302
    assert _save(client, article, summary="On sleep.").status_code == 302

    # First, the article as it was before anyone saved it here (made outside the admin).
    baseline, *versions = _versions(article)
    assert baseline.field_dict["body"] == "Rest well." and baseline.revision.user is None
    assert [v.field_dict["body"] for v in versions] == ["Rest well, and often."] * 2
    assert versions[-1].field_dict["summary"] == "On sleep."
    assert {v.revision.user for v in versions} == {alex}
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).text
    assert history.count("<td>Alex</td>") == 2
    assert "As it was before its first save in the admin" in history
    assert "Changed Body" in history and "Changed Summary" in history


def test_compare_shows_changed_words_escaped(client, alex):
    article = make_article("Sleep", published=False, body="Rest <u>well</u> at night.")
    _save(client, article)
    _save(client, article, body="Rest <u>deeply</u> at night.", title="Sleep better")
    first = _versions(article)[0]

    page = client.get(reverse("admin:articles_article_revision", args=[article.pk, first.pk])).text

    assert "<del>well&lt;/u&gt;</del><ins>deeply&lt;/u&gt;</ins>" in page.replace("&lt;u&gt;", "")
    assert "<u>" not in page
    assert "<del>Sleep</del>" in page and "<ins>Sleep better</ins>" in page
    assert "Restore this version" in page


def test_word_diff_marks_only_the_changed_words():
    assert word_diff("a quick fox", "a slow fox") == "a <del>quick</del><ins>slow</ins> fox"
    assert word_diff("x < y", "x < z") == "x &lt; <del>y</del><ins>z</ins>"


def test_restoring_makes_a_new_revision_and_never_publishes(client, alex):
    article = make_article("Sleep", body="The published words.")
    # Opening the form keeps its first version (published, the old words); then a rewrite.
    _save(client, article, status="draft", body="A rewrite, not ready.")
    first = _versions(article)[0]
    assert first.field_dict["status"] == "published"

    response = client.post(
        reverse("admin:articles_article_restore", args=[article.pk, first.pk]), follow=True
    )

    article.refresh_from_db()
    assert article.body == "The published words."
    assert article.status == Article.Status.DRAFT  # a restored draft stays a draft
    assert "The published words." in article.body_html
    assert len(_versions(article)) == 3  # nothing overwritten
    assert "A rewrite, not ready." in _versions(article)[1].field_dict["body"]
    assert "Restored the version" in response.text
    assert "Kept as they are now:" in response.text
    assert type(client)().get(article.get_absolute_url()).status_code == 404


def test_restore_needs_the_change_permission_and_a_post(client, alex):
    article = make_article("Sleep", body="Old.")
    _save(client, article)
    _save(client, article, body="New.")
    first = _versions(article)[0]
    url = reverse("admin:articles_article_restore", args=[article.pk, first.pk])
    assert client.get(url).status_code == 405

    viewer = make_staff_user("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    compare = client.get(reverse("admin:articles_article_revision", args=[article.pk, first.pk]))
    assert compare.status_code == 200
    assert "Restore this version" not in compare.text
    assert client.post(url).status_code == 403
    article.refresh_from_db()
    assert article.body == "New."


def test_a_deleted_therapists_history_is_deleted_with_them(admin_client_boss):
    client = admin_client_boss
    therapist = make_therapist("Ada Lovelace")
    Membership.objects.create(therapist=therapist, body="BACP", registration_number="123456")
    other = make_therapist("Grace Hopper")
    for person in (therapist, other):
        client.post(
            reverse("admin:therapists_therapist_changelist"),
            {"action": "mark_inactive", "_selected_action": [person.pk]},
        )
    assert Version.objects.get_for_object(therapist).exists()
    assert Version.objects.filter(serialized_data__contains="123456").exists()

    client.post(reverse("admin:therapists_therapist_delete", args=[therapist.pk]), {"post": "yes"})

    assert not Therapist.objects.filter(pk=therapist.pk).exists()
    assert not Version.objects.filter(serialized_data__contains="123456").exists()
    assert not Version.objects.filter(serialized_data__contains="Ada Lovelace").exists()
    assert Version.objects.get_for_object(other).exists()
    assert not Revision.objects.filter(version__isnull=True).exists()


@pytest.fixture
def admin_client_boss(client):
    from django.contrib.auth import get_user_model

    boss = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-12345678")
    client.force_login(boss)
    return client


def test_restoring_a_therapist_brings_back_their_memberships(admin_client_boss):
    client = admin_client_boss
    therapist = make_therapist("Ada Lovelace")
    Membership.objects.create(therapist=therapist, body="BACP", registration_number="111")
    client.post(
        reverse("admin:therapists_therapist_changelist"),
        {"action": "mark_inactive", "_selected_action": [therapist.pk]},
    )
    first = Version.objects.get_for_object(therapist).get()
    therapist.memberships.all().delete()
    Membership.objects.create(therapist=therapist, body="UKCP", registration_number="222")

    client.post(reverse("admin:therapists_therapist_restore", args=[therapist.pk, first.pk]))

    assert [m.registration_number for m in therapist.memberships.all()] == ["111"]
    therapist.refresh_from_db()
    assert not therapist.is_active  # kept as it was


def test_prune_revisions_keeps_everything_by_default_and_the_newest_always(client, alex, settings):
    article = make_article("Sleep")
    for words in ("One.", "Two.", "Three."):
        _save(client, article, body=words)
    Revision.objects.update(date_created=timezone.now() - timedelta(days=100))

    call_command("prune_revisions")
    assert len(_versions(article)) == 4  # its baseline (kept when first opened) and 3 saves

    settings.REVISIONS_KEEP_DAYS = 30
    call_command("prune_revisions")
    assert [v.field_dict["body"] for v in _versions(article)] == ["Three."]
    assert Revision.objects.count() == 1


def test_after_a_prune_the_last_editor_still_cannot_delete_a_draft_someone_else_started(
    client, alex, settings
):
    started = client.post(
        reverse("admin:articles_article_add"),
        {**_form_of_new(), "title": "Alex's draft", "slug": "alexs-draft"},
    )
    assert started.status_code == 302
    draft = Article.objects.get(slug="alexs-draft")
    sam = _editor("sam")
    other = Client()
    other.force_login(sam)
    assert _save(other, draft, body="Sam's words.").status_code == 302
    Revision.objects.update(date_created=timezone.now() - timedelta(days=100))
    settings.REVISIONS_KEEP_DAYS = 30
    call_command("prune_revisions")  # only Sam's revision is left
    assert [v.revision.user for v in _versions(draft)] == [sam]

    delete_url = reverse("admin:articles_article_delete", args=[draft.pk])
    assert other.post(delete_url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=draft.pk).exists()
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_existing_articles_are_said_to_be_started_by_their_first_revisions_user(client, alex):
    import importlib

    from django.apps import apps
    from django.db import connection

    article = make_article("Older", published=False)
    assert _save(client, article, body="Alex first.").status_code == 302
    other = Client()
    other.force_login(_editor("sam"))
    assert _save(other, article, body="Sam next.").status_code == 302
    Article.objects.filter(pk=article.pk).update(created_by=None)

    migration = importlib.import_module(
        "articles.migrations.0019_fill_created_by_from_first_revision"
    )
    migration.fill(apps, type("Editor", (), {"connection": connection})())
    article.refresh_from_db()
    assert article.created_by == alex


def _form_of_new():
    now = timezone.localtime()
    return {
        "summary": "A start.",
        "body": "Words.",
        "status": "draft",
        "publish_at_0": now.strftime("%d/%m/%Y"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
    }


# Edit conflicts --------------------------------------------------------------------------------


def test_two_people_changing_different_fields_both_keep_their_changes(client, alex):
    article = make_article("Sleep", body="Original body.", summary="Original summary.")
    _save(client, article)
    alexs_form = _form_of(client, article)  # Alex opens the article...

    sam = _editor("sam")
    client.force_login(sam)  # ...Sam opens it too, changes the body and saves.
    assert _save(client, article, body="Sam's new body.").status_code == 302

    client.force_login(alex)  # Alex, on the older page, changes only the summary.
    alexs_form["summary"] = "Alex's summary."
    alexs_form["take_old_address"] = "False"  # the hidden box, as a browser posts it
    saved = client.post(_change_url(article), alexs_form, follow=True)

    assert saved.status_code == 200
    assert "Sam saved this page while you had it open; the changes were merged." in saved.text
    assert "Kept their changes to: body." in saved.text
    assert "Saved yours to: summary." in saved.text
    article.refresh_from_db()
    assert article.body == "Sam's new body."
    assert article.summary == "Alex's summary."


def test_both_changing_the_same_field_are_asked_per_field_in_words(client, alex):
    from therapists.models import Therapist

    first, second = make_therapist("Ada Field"), make_therapist("Bea Stone")
    article = make_article("Sleep", body="Original body.", summary="Original summary.")
    _save(client, article)
    alexs_form = _form_of(client, article)

    sam = _editor("sam")
    client.force_login(sam)
    changed = {"body": "Sam's body.", "author": str(first.pk), "title": "Sleep, by Sam"}
    assert _save(client, article, **changed).status_code == 302

    client.force_login(alex)
    alexs_form.update(body="Alex's body.", author=str(second.pk), summary="Alex's summary.")
    refused = client.post(_change_url(article), alexs_form)

    assert refused.status_code == 409
    page = refused.text
    assert "not saved yet" in page
    assert page.count('value="mine"') == 2  # body and author: only what both changed
    assert 'name="_keep_body"' in page and 'name="_keep_author"' in page
    assert 'name="_keep_title"' not in page and 'name="_keep_summary"' not in page
    assert "Ada Field" in page and "Bea Stone" in page  # the author by name, not a number
    assert "Their changes are kept: Title." in page
    assert "Your changes are saved: Summary." in page
    article.refresh_from_db()
    assert article.body == "Sam's body."  # nothing saved yet

    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    hidden = {k: v.replace("&#x27;", "'") for k, v in hidden.items()}
    chosen = client.post(
        _change_url(article), {**hidden, "_keep_body": "mine", "_keep_author": "theirs"}
    )
    assert chosen.status_code == 302
    article.refresh_from_db()
    assert article.body == "Alex's body."
    assert article.author == Therapist.objects.get(pk=first.pk)
    assert article.title == "Sleep, by Sam"
    assert article.summary == "Alex's summary."
    assert "Sam's body." in [v.field_dict["body"] for v in _versions(article)]


def _two_open_an_imported_article(client, alex):
    """An article made outside the admin (no revision: imported, or demo content), opened by
    Alex and then by Sam before either saves. Returns (Sam's client, Alex's form, Sam's form)."""
    article = make_article("Sleep", body="Imported body.", summary="Imported summary.")
    assert not _versions(article)
    alexs_form = _form_of(client, article)
    sam = Client()
    sam.force_login(_editor("sam"))
    sams_form = _form_of(sam, article)
    for form in (alexs_form, sams_form):
        form["take_old_address"] = "False"  # the hidden box, as a browser posts it
    return article, sam, alexs_form, sams_form


def test_two_people_changing_different_fields_of_an_imported_article_both_keep_them(client, alex):
    article, sam, alexs_form, sams_form = _two_open_an_imported_article(client, alex)

    alexs_form["summary"] = "Alex's summary."
    assert client.post(_change_url(article), alexs_form).status_code == 302
    sams_form["body"] = "Sam's body."
    saved = sam.post(_change_url(article), sams_form, follow=True)

    assert saved.status_code == 200  # no conflict page
    assert "Alex saved this page while you had it open; the changes were merged." in saved.text
    assert "Kept their changes to: summary." in saved.text
    assert "Saved yours to: body." in saved.text
    article.refresh_from_db()
    assert article.summary == "Alex's summary."
    assert article.body == "Sam's body."
    # The text as imported is the first version in the History, by no one, to restore.
    first = _versions(article)[0]
    assert first.field_dict["body"] == "Imported body." and first.revision.user is None


def test_both_changing_the_same_field_of_an_imported_article_are_asked_about_it(client, alex):
    article, sam, alexs_form, sams_form = _two_open_an_imported_article(client, alex)

    alexs_form.update(body="Alex's body.")
    assert client.post(_change_url(article), alexs_form).status_code == 302
    sams_form.update(body="Sam's body.", title="Sleep, by Sam")
    refused = sam.post(_change_url(article), sams_form)

    assert refused.status_code == 409
    assert re.findall(r'name="_keep_(\w+)"', refused.text) == ["body", "body"]
    assert "Your changes are saved: Title." in refused.text
    article.refresh_from_db()
    assert article.body == "Alex's body."


def test_only_someone_who_may_change_it_gives_an_object_its_first_version(client, alex):
    article = make_article("Sleep")
    viewer = make_staff_user("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    assert client.get(_change_url(article)).status_code == 200
    assert not _versions(article)

    client.force_login(alex)
    client.get(_change_url(article))
    client.get(_change_url(article))
    assert len(_versions(article)) == 1  # one baseline, however often it is opened


def test_the_conflict_page_names_choices_in_words():
    from editing.conflicts import ConflictAdmin

    status = Article._meta.get_field("status")
    assert ConflictAdmin._display_posted(status, "published") == "Published"


def test_a_form_corrected_after_an_error_is_still_checked_against_later_saves(client, alex):
    article = make_article("Sleep")
    _save(client, article)
    form = _form_of(client, article)

    form["title"] = ""  # an error: the form comes back, still based on the same version
    again = client.post(_change_url(article), form)
    assert again.status_code == 200
    based_on = re.search(r'name="_based_on_revision" value="(\d+)"', again.text).group(1)
    assert based_on == form["_based_on_revision"]

    _save(client, article, title="Someone else's title.")  # meanwhile, in another tab
    form["title"] = "Sleep, corrected"
    assert client.post(_change_url(article), form).status_code == 409


def test_publish_action_skips_articles_changed_after_the_list_was_loaded(client, alex):
    article = make_article("Sleep", published=False)
    loaded_at = (timezone.now() - timedelta(minutes=5)).timestamp()

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk], "_list_loaded_at": loaded_at},
        follow=True,
    )

    assert "someone changed them after you loaded the list" in response.text
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    listing = client.get(reverse("admin:articles_article_changelist")).text
    assert 'name="_list_loaded_at"' in listing


def test_a_rewritten_sentence_reads_as_one_deletion_and_one_insertion():
    assert word_diff("Keep this. Sam's careful rewrite.", "Keep this. The first words.") == (
        "Keep this. <del>Sam&#x27;s careful rewrite.</del><ins>The first words.</ins>"
    )


def test_the_admin_index_names_sections_plainly(admin_client_boss):
    html = admin_client_boss.get(reverse("admin:index")).text
    sections = re.findall(r'class="section"[^>]*>([^<]+)</a>', html)
    assert "Sign-in lockouts" in sections and "Authenticator apps" in sections
    assert not {"Axes", "OTP_TOTP", "Otp_Totp"} & set(sections)


def test_concerns_and_languages_keep_revisions_and_catch_conflicts_too(admin_client_boss):
    from therapists.models import Concern

    client = admin_client_boss
    concern = Concern.objects.create(name="Grief", slug="grief")
    url = reverse("admin:therapists_concern_change", args=[concern.pk])
    based_on = re.search(r'name="_based_on_revision" value="(\d+)"', client.get(url).text)[1]
    data = {"name": "Grief and loss", "slug": "grief", "_save": "Save"}
    assert client.post(url, {**data, "_based_on_revision": based_on}).status_code == 302
    assert Version.objects.get_for_object(concern).count() == 2  # as it was, then the save

    stale = client.post(url, {**data, "name": "Bereavement", "_based_on_revision": based_on})
    assert stale.status_code == 409
    concern.refresh_from_db()
    assert concern.name == "Grief and loss"


def test_staff_refused_an_admin_page_get_an_admin_styled_403(client, alex):
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.text
    assert 'id="site-name"' in response.text  # the admin's header, not the public site's
    assert Client().get("/no-such-page-x/").status_code == 404


def test_visitors_still_get_the_public_403(rf):
    from django.contrib.auth.models import AnonymousUser

    from core.errors import permission_denied

    request = rf.get("/admin/auth/user/")
    request.user = AnonymousUser()
    response = permission_denied(request)
    assert response.status_code == 403
    assert b'id="site-name"' not in response.content


def test_the_change_form_says_who_else_has_it_open_and_since_when(client, alex):
    article = make_article("Sleep")
    sam = Client()
    sam.force_login(_editor("sam"))
    assert sam.get(_change_url(article)).status_code == 200

    page = client.get(_change_url(article)).text
    assert "Sam has had this page open since" in page
    assert "Sam has had" not in sam.get(_change_url(article)).text  # not told about themself

    heartbeat = reverse("admin:autosave", args=["articles", "article", article.pk])
    assert sam.post(heartbeat, {"_heartbeat": "1"}).status_code == 204
    assert _save(sam, article, summary="Saved and gone.").status_code == 302
    assert "Sam has had this page open" not in client.get(_change_url(article)).text
