"""An editor writes an article in the admin, previews the draft, publishes it, sees it live.

The editor is an ordinary staff member in the "Editors" group, not a superuser, so the journey
fails if the group (made by a data migration) lacks a right it needs.
"""

import importlib
import re

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from playwright.sync_api import expect

from tests.factories import make_staff_user

editors_migration = importlib.import_module("articles.migrations.0002_editors_group")


def editors_group():
    """The "Editors" group. Transactional tests empty the database afterwards, data migrations'
    rows included, so if an earlier test has done so it is made again by the migration's own
    function, run against the models as they were at that migration."""
    if not Group.objects.filter(name=editors_migration.GROUP_NAME).exists():
        state = MigrationLoader(connection).project_state(("articles", "0002_editors_group"))
        editors_migration.create_editors_group(state.apps, schema_editor=None)
    return Group.objects.get(name="Editors")


TITLE = "Sleep, Worry and the Small Hours"
SLUG = "sleep-worry-and-the-small-hours"


def test_editor_writes_previews_and_publishes_an_article(site, page, browser, settings):
    # The journey of writing and publishing; the sign-off before it is walked in
    # tests/browser/test_writing_in_the_admin.py.
    settings.CLINICAL_REVIEW_REQUIRED = False
    editor = make_staff_user("editor")
    editor.groups.add(editors_group())
    assert not editor.is_superuser and editor.user_permissions.count() == 0
    page.goto(site.url + "/admin/")
    page.locator("#id_username").fill(editor.username)
    page.locator("#id_password").fill("a-long-test-password-123")
    page.locator("#login-form [type=submit]").click()

    page.goto(site.url + "/admin/articles/article/add/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_title").press("Tab")
    assert page.locator("#id_slug").input_value() == SLUG  # pre-filled from the title
    page.locator("#id_summary").fill("Why worries grow at 3am, and what helps.")
    page.locator("#id_body").fill("## Why 3am\n\nThe mind is tired and the house is quiet.")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    editing_url = page.url

    # The preview of the saved draft opens in a new tab, as it will look, marked as a draft.
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview as last saved").click()
    preview = opened.value
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert "Draft preview" in preview.locator(".preview-banner").inner_text()
    assert "The mind is tired" in preview.locator(".prose").inner_text()
    preview.close()

    # "Preview as typed" shows text not saved yet, in a new tab; the editing tab stays as it is.
    page.locator("#id_body").fill("## Why 3am\n\nThe mind is tired.\n\nNot saved yet.")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name=re.compile("Preview as typed")).click()
    preview = opened.value
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert "nothing is saved" in preview.locator(".preview-banner").inner_text()
    assert "Not saved yet." in preview.locator(".prose").inner_text()
    preview.close()
    page.locator("#id_body").fill("## Why 3am\n\nThe mind is tired and the house is quiet.")

    # Visitors cannot see the draft anywhere.
    visitor = browser.new_context()
    visitor_page = visitor.new_page()
    assert visitor_page.goto(f"{site.url}/articles/{SLUG}/").status == 404
    visitor_page.goto(site.url + "/articles/")
    assert visitor_page.get_by_role("link", name=TITLE).count() == 0

    # Publish it, then a visitor finds it in the list and reads it.
    page.goto(editing_url)
    page.locator("#id_status").select_option("published")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")

    visitor_page.goto(site.url + "/articles/")
    visitor_page.get_by_role("link", name=TITLE).click()
    expect(visitor_page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert "The mind is tired" in visitor_page.locator(".prose").inner_text()
    assert visitor_page.locator(".preview-banner").count() == 0
    visitor.close()
