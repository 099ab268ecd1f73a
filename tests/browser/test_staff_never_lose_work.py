"""Staff never lose work, in Chromium: saves of different fields merge, a field both changed is
chosen per field and both texts stay reachable,
an autosaved draft survives leaving the page, a lost image is named, pasted bullets become a
list, an image chosen before a form error is kept, leaving an add page with typed text asks
first. axe checks the pages on the way (change form, conflict, history, compare)."""

import io

import pytest
from PIL import Image
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from articles.models import Article
from editing.models import AutosavedDraft
from tests.browser.axe import assert_no_axe_violations as _axe
from tests.browser.test_editor_journey import editors_group
from tests.factories import make_article, make_staff_user

PASSWORD = "a-long-test-password-123"


def assert_no_axe_violations(page):
    """axe, then forget the CSP reports its own injected styles cause (the admin's policy
    rightly refuses them); the page's own errors are still counted."""
    before = len(page.console_errors)
    _axe(page)
    page.wait_for_timeout(300)  # the reports arrive after axe returns
    page.console_errors[before:] = [
        error for error in page.console_errors[before:] if "Applying inline style" not in error
    ]


@pytest.fixture
def staff_site(live_server, transactional_db, settings):
    settings.SITE_URL = live_server.url
    return live_server


def _sign_in(tab, url, name):
    user = make_staff_user(name, first_name=name.capitalize())
    user.groups.add(editors_group())
    tab.goto(url + "/admin/")
    tab.locator("#id_username").fill(name)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("#login-form [type=submit]").click()
    expect(
        tab.get_by_role("link", name="Log out").or_(tab.locator("#logout-form"))
    ).to_be_attached()
    return user


def test_two_people_saving_the_same_article_keep_both_texts(staff_site, page, browser):
    article = make_article("Sleep", published=False, body="The first words.", summary="First.")
    change = f"{staff_site.url}/admin/articles/article/{article.pk}/change/"
    _sign_in(page, staff_site.url, "alex")
    # Alex opens an article made outside the admin (as imported: never saved here)...
    page.goto(change)
    expect(page.locator("#id_body")).to_have_value("The first words.")
    assert_no_axe_violations(page)

    other = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    sam = other.new_page()
    _sign_in(sam, staff_site.url, "sam")
    sam.goto(change)  # ...Sam opens it too, is told Alex has it open, rewrites the body, saves.
    expect(sam.locator(".others-editing")).to_contain_text("Alex has had this page open since")
    sam.locator("#id_body").fill("Sam's careful rewrite of the body.")
    sam.locator("input[name=_continue]").first.click()
    expect(sam.locator(".messagelist .success")).to_be_visible()

    # Alex changes only the summary and saves: merged, both changes kept, and Alex is told.
    page.locator("#id_summary").fill("Alex's better summary.")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Sam saved this page while you had it open; the changes were merged. Kept their changes "
        "to: body. Saved yours to: summary."
    )
    expect(page.locator("#id_body")).to_have_value("Sam's careful rewrite of the body.")
    saved = Article.objects.get(pk=article.pk)
    assert saved.summary == "Alex's better summary."
    assert saved.body == "Sam's careful rewrite of the body."

    # Both change the body: Alex chooses per field, on a page that shows only that field.
    sam.goto(change)
    page.locator("#id_body").fill("Alex's version of the body.")
    sam.locator("#id_body").fill("Sam's second rewrite.")
    sam.locator("input[name=_continue]").first.click()
    expect(sam.locator(".messagelist .success")).to_be_visible()
    other.close()
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".errornote")).to_contain_text("not saved yet")
    expect(page.locator("#content-main")).to_contain_text("by Sam")
    expect(page.locator("fieldset.conflict-field legend")).to_have_text(["Body"])
    assert_no_axe_violations(page)
    assert Article.objects.get(pk=article.pk).body == "Sam's second rewrite."
    page.get_by_label("Keep mine").check()
    page.get_by_role("button", name="Save with these choices").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Article.objects.get(pk=article.pk).body == "Alex's version of the body."

    # Sam's text is one restore away in the History.
    page.get_by_role("link", name="History").click()
    assert_no_axe_violations(page)
    page.locator("#change-history tbody tr").nth(1).get_by_role("link").click()
    expect(page.locator(".revision-diff del").first).to_have_text("Sam's second rewrite.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Restore this version").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Restored the version")
    restored = Article.objects.get(pk=article.pk)
    assert restored.body == "Sam's second rewrite."
    assert restored.status == Article.Status.DRAFT


def test_typed_text_survives_leaving_the_page_and_nothing_is_dropped(staff_site, page):
    article = make_article("Sleep", published=False, body="Saved words.")
    change = f"{staff_site.url}/admin/articles/article/{article.pk}/change/"
    _sign_in(page, staff_site.url, "alex")
    page.goto(change)
    page.locator("#id_body").fill("Two hours of writing, never saved.")

    # Leaving warns first; accepting it leaves, and the text is kept on the way out.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.goto(f"{staff_site.url}/admin/")
    assert dialogs == ["beforeunload"]
    for _ in range(50):  # the browser sends it on the way out, without waiting for an answer
        if AutosavedDraft.objects.exists():
            break
        page.wait_for_timeout(100)
    assert AutosavedDraft.objects.get().data["body"] == "Two hours of writing, never saved."
    assert Article.objects.get(pk=article.pk).body == "Saved words."

    page.goto(change)
    expect(page.locator(".autosave-offer")).to_contain_text("You have unsaved changes from")
    page.get_by_role("link", name="Restore them into the form").click()
    expect(page.locator("#id_body")).to_have_value("Two hours of writing, never saved.")
    assert_no_axe_violations(page)

    # Word bullets pasted in become a list; the save goes through and clears the autosave.
    page.locator("#id_body").fill("Helps:\n•\tA bedtime\n•\tLess caffeine\no\tNone after 4pm")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    saved = Article.objects.get(pk=article.pk)
    assert saved.body_html.count("<li>") == 3

    # An image chosen on a form that comes back with an error is named, not lost silently.
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "teal").save(buffer, "PNG")
    page.locator("#fieldsetcollapse-3, details").first.evaluate("el => el.open = true")
    page.locator("#id_hero_image").set_input_files(
        files=[{"name": "lake.png", "mimeType": "image/png", "buffer": buffer.getvalue()}]
    )
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".errorlist").first).to_be_visible()  # the description is missing
    expect(page.locator("#id_hero_image_helptext")).to_contain_text("Kept: lake.png")
    page.locator("#id_hero_image_alt").fill("A teal square.")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    saved = Article.objects.get(pk=article.pk)
    assert saved.hero_image_display and saved.hero_image_alt == "A teal square."


def test_leaving_an_add_page_with_typed_text_asks_first_and_saving_does_not(staff_site, page):
    _sign_in(page, staff_site.url, "alex")
    add = f"{staff_site.url}/admin/articles/topic/add/"
    page.goto(add)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))

    page.goto(f"{staff_site.url}/admin/")  # nothing typed: leaves without a word
    assert dialogs == []

    page.goto(add)
    page.locator("#id_name").fill("Loneliness")
    with pytest.raises(PlaywrightError, match="ERR_ABORTED"):
        page.goto(f"{staff_site.url}/admin/")  # dismissed: the page and its text stay
    assert dialogs == ["beforeunload"]
    expect(page.locator("#id_name")).to_have_value("Loneliness")

    page.locator("input[name=_save]").click()  # saving is not leaving
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert dialogs == ["beforeunload"]


def test_leaving_a_form_sent_back_with_an_error_asks_first(staff_site, page):
    _sign_in(page, staff_site.url, "alex")
    page.goto(f"{staff_site.url}/admin/articles/topic/add/")
    page.locator("#id_description").fill("Feeling alone, even with people around.")
    page.locator("input[name=_save]").click()  # no name: sent back with an error
    expect(page.locator(".errornote")).to_be_visible()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))

    with pytest.raises(PlaywrightError, match="ERR_ABORTED"):
        page.goto(f"{staff_site.url}/admin/")

    assert dialogs == ["beforeunload"]
    expect(page.locator("#id_description")).to_have_value("Feeling alone, even with people around.")
