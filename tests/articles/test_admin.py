"""Staff in the Editors group write, preview and publish articles in the admin."""

import io
import re
import time
from datetime import datetime, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from PIL import Image

from articles.models import Article
from core import images
from tests.factories import article_form_data, make_article, make_staff_user, make_topic

pytestmark = pytest.mark.django_db

EDITOR_PERMISSIONS = {
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_topic",
    "articles.change_topic",
    "articles.view_topic",
    "articles.add_articleimage",
    "articles.change_articleimage",
    "articles.view_articleimage",
    # An article's sources (an inline) and the editorial policy page.
    "articles.add_source",
    "articles.change_source",
    "articles.delete_source",
    "articles.view_source",
    "articles.add_editorialpolicy",
    "articles.change_editorialpolicy",
    "articles.view_editorialpolicy",
    # Importing the old blog (Squarespace or WordPress).
    "articles.import_blog",
    # The pages the practice writes, and the menus that lead to them (never deleting either).
    "pages.add_page",
    "pages.change_page",
    "pages.view_page",
    "pages.add_menulink",
    "pages.change_menulink",
    "pages.view_menulink",
}


@pytest.fixture(autouse=True)
def _no_sign_off_needed(settings):
    """Publishing here is about dates, history and safe messaging; the clinical sign-off it
    also needs by default is tested in tests/articles/test_sign_off.py."""
    settings.CLINICAL_REVIEW_REQUIRED = False


def test_editors_group_has_exactly_the_article_and_page_permissions(editor):
    assert editor.get_all_permissions() == EDITOR_PERMISSIONS
    assert not editor.has_perm("articles.delete_article")
    assert not editor.has_perm("auth.change_user")
    assert not editor.has_perm("therapists.change_therapist")


def test_editor_writes_previews_and_publishes_an_article(client, editor):
    topic = make_topic("Anxiety")

    response = client.post(
        reverse("admin:articles_article_add"), article_form_data(topics=[topic.pk]), follow=True
    )
    assert response.status_code == 200
    article = Article.objects.get(slug="finding-calm")
    assert article.status == Article.Status.DRAFT
    assert "is a draft, so visitors cannot see it yet" in response.content.decode()
    assert list(article.topics.all()) == [topic]

    visitor = type(client)()
    assert visitor.get(article.get_absolute_url()).status_code == 404

    change_page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    preview_url = reverse("articles:preview", args=[article.pk])
    assert f'href="{preview_url}"' in change_page.content.decode()

    preview = client.get(preview_url)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Draft preview — not published" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert '<h2 id="section-breathe">Breathe</h2>' in html
    assert "no-store" in preview["Cache-Control"]

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "1 article is now published." in response.content.decode()

    page = visitor.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "Finding calm" in page.content.decode()
    assert "Finding calm" in visitor.get(reverse("articles:list")).content.decode()


def test_unpublish_action_hides_the_article_again(client, editor):
    article = make_article("Was live")

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
        follow=True,
    )

    assert "1 article is now a draft" in response.content.decode()
    assert type(client)().get(article.get_absolute_url()).status_code == 404


def test_publishing_a_future_article_schedules_it(client, editor):
    article = make_article("Later", published=False, days_ago=-2)

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
        follow=True,
    )

    assert "1 article is scheduled" in response.content.decode()
    assert type(client)().get(article.get_absolute_url()).status_code == 404


def test_saving_a_scheduled_article_says_when_it_will_appear(client, editor):
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(status="published", publish_at_0="01/01/2099", publish_at_1="09:30:00"),
        follow=True,
    )

    assert "appears on the site by itself on 1 January 2099, 09:30" in response.content.decode()


def _preview_banner(client, article):
    html = client.get(reverse("articles:preview", args=[article.pk])).content.decode()
    banner = re.search(r'<div class="preview-banner[^"]*" role="status">\s*<p>(.*?)<a ', html, re.S)
    return " ".join(banner[1].split())  # the text as a browser shows it


def test_preview_of_a_draft_says_it_is_a_draft_only_staff_can_see(client, editor):
    draft = make_article("Still writing", published=False)

    assert _preview_banner(client, draft) == (
        "<strong>Draft preview — not published.</strong> Only staff can see this page."
    )


def test_preview_of_a_scheduled_article_says_when_it_appears_not_that_it_is_a_draft(client, editor):
    due = timezone.make_aware(datetime(2099, 1, 1, 9, 30))  # in the practice's time zone
    scheduled = make_article("Coming in 2099", publish_at=due)

    banner = _preview_banner(client, scheduled)

    assert banner == (
        "<strong>Scheduled — not yet published.</strong> "
        "It appears by itself on 1 January 2099 at 09:30."
    )
    assert "Draft" not in banner


def test_preview_of_a_live_article_says_it_is_live(client, editor):
    assert _preview_banner(client, make_article("Out there")).startswith(
        "<strong>Preview.</strong> This article is live"
    )


@pytest.mark.parametrize("make_visitor", ["anonymous", "not_staff"])
def test_preview_is_404_for_visitors(client, make_visitor):
    article = make_article("Secret", published=False)
    if make_visitor == "not_staff":
        client.force_login(make_staff_user("member", is_staff=False))

    response = client.get(reverse("articles:preview", args=[article.pk]))

    assert response.status_code == 404
    assert "Secret" not in response.content.decode()


def test_duplicate_slug_is_a_form_error(client, editor):
    make_article("Existing", slug="finding-calm")

    response = client.post(reverse("admin:articles_article_add"), article_form_data())

    assert response.status_code == 200
    assert "Another article already uses this address" in response.content.decode()
    assert Article.objects.filter(slug="finding-calm").count() == 1


def test_hero_image_without_description_is_a_form_error(client, editor):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "hero.png"

    response = client.post(
        reverse("admin:articles_article_add"), article_form_data(hero_image=buffer)
    )

    assert response.status_code == 200
    assert "Describe the image for people who cannot see it." in response.content.decode()
    assert not Article.objects.exists()


def test_change_list_shows_status_and_scheduled_articles(client, editor):
    make_article("Live one")
    make_article("Future one", days_ago=-3)
    make_article("Draft one", published=False)

    html = client.get(reverse("admin:articles_article_changelist")).content.decode()

    for text in ("Live one", "Future one", "Draft one", "Scheduled", "Live", "Draft"):
        assert text in html
    draft = Article.objects.get(title="Draft one")
    assert f'href="{reverse("articles:preview", args=[draft.pk])}">Preview</a>' in html


def test_admin_search_finds_text_in_the_body(client, editor):
    make_article("Plain title", body="Mentions equanimity once.")
    make_article("Other title", body="Nothing here.")

    html = client.get(reverse("admin:articles_article_changelist"), {"q": "equanimity"})

    assert "Plain title" in html.content.decode()
    assert "Other title" not in html.content.decode()


def test_markdown_help_is_beside_the_body_field(client, editor):
    html = client.get(reverse("admin:articles_article_add")).content.decode()

    assert "Formatting with Markdown" in html
    assert "<code>## A heading</code>" in html


def test_a_file_that_is_not_an_image_is_a_form_error(client, editor):
    upload = io.BytesIO(b"%PDF-1.4 not an image")
    upload.name = "hero.png"

    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(hero_image=upload, hero_image_alt="A picture."),
    )

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Article.objects.exists()


# Publish dates: a draft goes live dated the day it is published, not the day it was started.


def _publish_form(client, article, **overrides):
    """What the article's change page sends back with Status switched to Published: its publish
    date fields as the page shows them, with the hidden copies of the date as loaded that Django
    compares them with to tell whether the editor changed it."""
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    dates = dict(re.findall(r'name="((?:initial-)?publish_at_[01])" value="([^"]*)"', page.text))
    assert len(dates) == 4, dates
    fields = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "body": article.body,
        "status": "published",
        **dates,
    }
    return article_form_data(**{**fields, **overrides})


def _shown_date(moment):
    """The date as the article page shows it under the title."""
    return f">{date_format(timezone.localtime(moment), 'j F Y')}</time>"


def test_draft_published_later_in_the_form_is_dated_the_day_it_goes_live(client, editor):
    draft = make_article("Started last week", published=False, days_ago=7)
    make_article("Published on Tuesday", days_ago=2)

    response = client.post(
        reverse("admin:articles_article_change", args=[draft.pk]),
        _publish_form(client, draft),
        follow=True,
    )

    assert "is published now; its publish date was set to" in response.content.decode()
    visitor = type(client)()
    listing = visitor.get(reverse("articles:list")).content.decode()
    assert listing.index("Started last week") < listing.index("Published on Tuesday")
    page = visitor.get(draft.get_absolute_url()).content.decode()
    assert _shown_date(timezone.now()) in page


def test_draft_published_later_with_the_action_is_dated_the_day_it_goes_live(client, editor):
    draft = make_article("Started last week", published=False, days_ago=7)
    make_article("Published on Tuesday", days_ago=2)

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
    )

    html = response.content.decode()
    assert "1 article is now published." in html
    assert "Published now; the publish date of 1 article was set to" in html
    visitor = type(client)()
    listing = visitor.get(reverse("articles:list")).content.decode()
    assert listing.index("Started last week") < listing.index("Published on Tuesday")
    page = visitor.get(draft.get_absolute_url()).content.decode()
    assert _shown_date(timezone.now()) in page


def test_a_past_date_the_editor_sets_while_publishing_is_kept(client, editor):
    draft = make_article("Written up from notes", published=False, days_ago=1)
    make_article("An older piece", days_ago=5)
    backdated = timezone.localtime() - timedelta(days=10)

    response = client.post(
        reverse("admin:articles_article_change", args=[draft.pk]),
        _publish_form(
            client,
            draft,
            publish_at_0=backdated.strftime("%d/%m/%Y"),
            publish_at_1=backdated.strftime("%H:%M:%S"),
        ),
        follow=True,
    )

    assert "publish date was set to" not in response.content.decode()
    visitor = type(client)()
    listing = visitor.get(reverse("articles:list")).content.decode()
    assert listing.index("An older piece") < listing.index("Written up from notes")
    assert _shown_date(backdated) in visitor.get(draft.get_absolute_url()).content.decode()


def test_publishing_a_draft_dated_in_the_future_in_the_form_schedules_it(client, editor):
    draft = make_article("Next week", published=False, days_ago=-7)
    due = timezone.localtime(draft.publish_at)

    response = client.post(
        reverse("admin:articles_article_change", args=[draft.pk]),
        _publish_form(client, draft),
        follow=True,
    )

    html = response.content.decode()
    assert f"appears on the site by itself on {date_format(due, 'j F Y, H:i')}" in html
    assert "publish date was set to" not in html
    assert type(client)().get(draft.get_absolute_url()).status_code == 404


def test_an_article_added_as_published_keeps_the_date_given(client, editor):
    make_article("An older piece", days_ago=5)
    given = timezone.localtime() - timedelta(days=10)

    client.post(
        reverse("admin:articles_article_add"),
        article_form_data(
            status="published",
            publish_at_0=given.strftime("%d/%m/%Y"),
            publish_at_1=given.strftime("%H:%M:%S"),
        ),
    )

    visitor = type(client)()
    listing = visitor.get(reverse("articles:list")).content.decode()
    assert listing.index("An older piece") < listing.index("Finding calm")
    page = visitor.get(reverse("articles:detail", args=["finding-calm"])).content.decode()
    assert _shown_date(given) in page


def test_editing_a_live_article_keeps_its_date(client, editor):
    article = make_article("Live for a while", days_ago=30)

    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        _publish_form(client, article, summary="A corrected summary."),
    )

    page = type(client)().get(article.get_absolute_url()).content.decode()
    assert "A corrected summary." in page
    assert _shown_date(article.publish_at) in page


# An article visitors have read keeps its date when it is unpublished and published again.


def _action(client, action, article):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [article.pk]},
        follow=True,
    )


def test_article_unpublished_and_published_again_with_the_actions_keeps_its_date(client, editor):
    article = make_article("Live since March", days_ago=60)
    make_article("Published on Tuesday", days_ago=2)

    _action(client, "unpublish", article)
    response = _action(client, "publish", article)

    html = response.content.decode()
    assert "1 article is now published." in html
    assert "publish date of 1 article was set to" not in html
    visitor = type(client)()
    listing = visitor.get(reverse("articles:list")).content.decode()
    assert listing.index("Published on Tuesday") < listing.index("Live since March")
    assert _shown_date(article.publish_at) in visitor.get(article.get_absolute_url()).text


def test_article_unpublished_and_published_again_in_the_form_keeps_its_date(client, editor):
    article = make_article("Live since March", days_ago=60)
    make_article("Published on Tuesday", days_ago=2)
    change_url = reverse("admin:articles_article_change", args=[article.pk])

    client.post(change_url, _publish_form(client, article, status="draft"))
    assert type(client)().get(article.get_absolute_url()).status_code == 404
    response = client.post(change_url, _publish_form(client, article), follow=True)

    assert "publish date was set to" not in response.content.decode()
    visitor = type(client)()
    listing = visitor.get(reverse("articles:list")).content.decode()
    assert listing.index("Published on Tuesday") < listing.index("Live since March")
    assert _shown_date(article.publish_at) in visitor.get(article.get_absolute_url()).text


def test_article_pulled_before_its_scheduled_day_is_dated_the_day_it_finally_goes_live(
    client, editor
):
    article = make_article("Planned for Friday", days_ago=-3)
    _action(client, "unpublish", article)
    # Friday comes and goes while it waits as a draft.
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(days=1))
    make_article("Published yesterday evening", days_ago=0.5)

    response = _action(client, "publish", article)

    assert "Published now; the publish date of 1 article was set to" in response.content.decode()
    visitor = type(client)()
    listing = visitor.get(reverse("articles:list")).content.decode()
    assert listing.index("Planned for Friday") < listing.index("Published yesterday evening")


def test_change_page_says_when_a_draft_was_first_on_the_site(client, editor):
    article = make_article("Live since March", days_ago=60)
    Article.objects.filter(pk=article.pk).update(first_published_at=article.publish_at)
    _action(client, "unpublish", article)

    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).text

    assert "First on the site" in html
    assert date_format(timezone.localtime(article.publish_at), "DATETIME_FORMAT") in html


# The Publish and Unpublish actions leave a line in the article's History.


def _history(client, article):
    """The rows of the article's History page: (who, what), newest first."""
    html = client.get(reverse("admin:articles_article_history", args=[article.pk])).text
    return re.findall(r'<th scope="row">.*?</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>', html, re.S)


def test_publish_and_unpublish_actions_show_in_the_articles_history_with_who_did_it(client, editor):
    article = make_article("Live since March", days_ago=60)

    _action(client, "unpublish", article)
    _action(client, "publish", article)

    entries = LogEntry.objects.filter(object_id=str(article.pk)).order_by("action_time")
    assert [(entry.user, entry.get_change_message()) for entry in entries] == [
        (editor, "Unpublished (back to draft)."),
        (editor, "Published."),
    ]
    assert _history(client, article) == [
        ("Eve", "Published."),
        ("Eve", "Unpublished (back to draft)."),
    ]


def test_history_says_when_the_publish_action_dated_a_draft_now(client, editor):
    draft = make_article("Started last week", published=False, days_ago=7)
    started = date_format(timezone.localtime(draft.publish_at), "j F Y, H:i")

    _action(client, "publish", draft)

    entry = LogEntry.objects.get(object_id=str(draft.pk))
    assert entry.user == editor
    assert entry.get_change_message().startswith("Published; publish date set to ")
    assert entry.get_change_message().endswith(f"(it was {started}).")


def test_history_says_when_a_scheduled_article_will_appear(client, editor):
    due = timezone.make_aware(datetime(2099, 1, 1, 9, 30))
    draft = make_article("Coming in 2099", published=False, publish_at=due)

    _action(client, "publish", draft)

    entry = LogEntry.objects.get(object_id=str(draft.pk))
    assert entry.get_change_message() == "Published, to appear on 1 January 2099, 09:30."


# Help beside the fields: the image size limit, and what changing an address does.


def test_image_help_gives_the_size_limit_the_upload_check_uses(client, editor):
    html = client.get(reverse("admin:articles_article_add")).text

    assert f"up to {images.MAX_UPLOAD_BYTES // 2**20} MB" in html
    assert "up to 10 MB" in html


def test_article_address_help_says_the_old_address_keeps_working(client, editor):
    article = make_article("Live since March")

    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).text

    assert (
        "If you change it once the article has been on the site, the old address keeps "
        "leading to it." in html
    )


def test_topic_address_help_says_the_old_address_keeps_working(client, editor):
    html = client.get(reverse("admin:articles_topic_add")).text

    assert "If you change it, the old address keeps leading to the topic" in html


def test_an_image_survives_a_form_error(client, editor):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 400), "teal").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "lake.png"

    first = client.post(reverse("admin:articles_article_add"), article_form_data(hero_image=buffer))
    assert first.status_code == 200  # the description is missing...
    assert "Kept: lake.png" in first.text  # ...and the image is kept, and says so
    token = re.search(r'name="hero_image_kept" value="([^"]+)"', first.text).group(1)

    # The browser no longer has the file; the kept one is saved with the article.
    second = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(hero_image_alt="A quiet lake.", hero_image_kept=token),
    )
    assert second.status_code == 302
    article = Article.objects.get()
    assert article.hero_image_display and article.hero_image_alt == "A quiet lake."
    assert article.hero_image.name.startswith("articles/originals/")
    assert "pending" not in article.hero_image.name


def _lake_png():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 400), "teal").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "lake.png"
    return buffer


def _kept_token(response):
    return re.search(r'name="hero_image_kept" value="([^"]+)"', response.text).group(1)


def test_a_second_form_error_keeps_the_image_on_its_first_deadline(client, editor, monkeypatch):
    first = client.post(
        reverse("admin:articles_article_add"), article_form_data(hero_image=_lake_png())
    )
    token = _kept_token(first)
    two_hours_later = time.time() + 2 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: two_hours_later)

    again = client.post(
        reverse("admin:articles_article_add"), article_form_data(title="", hero_image_kept=token)
    )

    assert "Kept: lake.png" in again.text
    # The same deadline as the kept file, which prune_kept_uploads deletes by its first day.
    assert _kept_token(again) == token


def test_an_image_kept_too_long_is_asked_for_again_not_dropped(client, editor, monkeypatch):
    first = client.post(
        reverse("admin:articles_article_add"), article_form_data(hero_image=_lake_png())
    )
    token = _kept_token(first)
    later = time.time() + 25 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(title="Lakes", hero_image_kept=token),
    )

    assert response.status_code == 200
    assert "The image chosen before the last error is no longer kept" in response.text
    assert "Choose it again." in response.text
    assert not Article.objects.exists()


def test_a_forged_kept_image_token_is_ignored(client, editor):
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(hero_image_alt="A picture.", hero_image_kept="../../settings.py:forged"),
    )
    assert response.status_code == 200
    assert "There is an image description but no image" in response.text
    assert not Article.objects.exists()


def test_a_description_without_an_image_is_refused(client, editor):
    response = client.post(
        reverse("admin:articles_article_add"), article_form_data(hero_image_alt="A quiet lake.")
    )
    assert response.status_code == 200
    assert "There is an image description but no image" in response.text
    assert not Article.objects.exists()


def test_a_live_articles_old_address_is_not_taken_without_confirmation(client, editor):
    from redirects.models import Redirect

    live = make_article("Sleep well", slug="sleep-well")
    live.slug = "sleeping-well"
    live.save()
    assert Redirect.objects.matching("/articles/sleep-well/").exists()

    refused = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(title="Sleep well", slug="sleep-well"),
    )
    assert refused.status_code == 200
    assert "/articles/sleep-well/ is an old address of “Sleep well”" in refused.text
    assert "/articles/sleeping-well/" in refused.text
    assert 'type="checkbox" name="take_old_address"' in refused.text
    assert Redirect.objects.matching("/articles/sleep-well/").exists()

    taken = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(title="Sleep well", slug="sleep-well", take_old_address="on"),
        follow=True,
    )
    assert "now leads to this" in taken.text and "no longer to “" in taken.text
    assert not Redirect.objects.matching("/articles/sleep-well/").exists()
    assert LogEntry.objects.filter(object_id=str(live.pk), change_message__contains="sleep-well")


def test_the_take_old_address_box_is_hidden_normally(client, editor):
    form = client.get(reverse("admin:articles_article_add")).text
    assert 'type="hidden" name="take_old_address"' in form


def test_editors_may_delete_their_own_never_published_drafts_only(client, editor):
    client.post(reverse("admin:articles_article_add"), article_form_data(title="Mine", slug="mine"))
    mine = Article.objects.get(slug="mine")
    theirs = make_article("Theirs", published=False)  # not started by this editor
    was_live = make_article("Was live")
    was_live.status = Article.Status.DRAFT
    was_live.save()

    assert client.get(reverse("admin:articles_article_delete", args=[theirs.pk])).status_code == 403
    assert (
        client.get(reverse("admin:articles_article_delete", args=[was_live.pk])).status_code == 403
    )
    response = client.post(
        reverse("admin:articles_article_delete", args=[mine.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Article.objects.filter(pk=mine.pk).exists()


def test_the_error_note_lists_each_error_with_a_link_to_its_field(client, editor):
    response = client.post(
        reverse("admin:articles_article_add"), article_form_data(title="", summary="")
    )
    assert '<ul class="error-summary"' in response.text
    assert '<a href="#id_title">Title</a>' in response.text
    assert '<a href="#id_summary">Summary</a>' in response.text


def test_a_draft_with_a_future_date_is_told_the_date_waits_for_publishing(client, editor):
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form_data(publish_at_0="01/01/2099", publish_at_1="09:30:00"),
        follow=True,
    )
    assert "has no effect until you publish it" in response.text


def test_the_admin_names_a_favicon(client, editor):
    assert 'rel="icon"' in client.get(reverse("admin:index")).text


def test_the_change_form_shows_the_resized_image_and_no_link_to_the_private_original(
    client, editor
):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 400), "teal").save(buffer, "PNG")
    from django.core.files.uploadedfile import SimpleUploadedFile

    article = make_article(
        hero_image=SimpleUploadedFile("lake.png", buffer.getvalue(), content_type="image/png"),
        hero_image_alt="A lake.",
    )
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert f'src="{article.hero_image_display.url}"' in html
    assert article.hero_image.url not in html
    assert "kept private" in html
