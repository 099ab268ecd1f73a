"""Pages staff write: create, preview, publish, rename, restore, unpublish; drafts never show."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from pages.models import MenuLink, Page
from redirects.models import Redirect
from tests.pages.conftest import make_page

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:pages_page_add")


def change_url(page):
    return reverse("admin:pages_page_change", args=[page.pk])


def form_data(client, page=None, **changes):
    """The page's change form as a browser posts it (or an empty add form), with `changes`."""
    data = {
        "title": "",
        "slug": "",
        "summary": "",
        "kind": "page",
        "body": "",
        "status": "draft",
        "parent": "",
        "last_reviewed": "",
    }
    if page is not None:
        page.refresh_from_db()
        html = client.get(change_url(page)).text
        based_on = re.search(r'name="_based_on_revision" value="(\d+)"', html).group(1)
        data.update(
            _based_on_revision=based_on,
            title=page.title,
            slug=page.slug,
            summary=page.summary,
            kind=page.kind,
            body=page.body,
            status=page.status,
        )
        if page.show_support_box:
            data["show_support_box"] = "on"
    data.update(changes)
    return data


def visitor_get(path):
    return Client().get(path)


def test_staff_write_a_draft_that_only_they_can_preview(client, editor):
    response = client.post(
        ADD_URL,
        form_data(
            client,
            title="Fees and cancellations",
            slug="/Fees/",
            summary="What sessions cost.",
            body="Sessions cost **£70**.",
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    page = Page.objects.get()
    assert page.slug == "fees"
    assert page.body_html == "<p>Sessions cost <strong>£70</strong>.</p>"

    assert visitor_get("/fees/").status_code == 404
    preview = reverse("pages:preview", args=[page.pk])
    assert visitor_get(preview).status_code == 404
    shown = client.get(preview)
    assert shown.status_code == 200
    assert "Draft preview — not published." in shown.text
    assert shown["X-Robots-Tag"] == "noindex, nofollow"
    assert "Cache-Control" in shown and "no-cache" in shown["Cache-Control"]


def test_a_published_page_is_seen_by_visitors_at_its_address(client, editor):
    page = make_page(published=False, body="| Session | Fee |\n|---|---|\n| Individual | £70 |")
    response = client.post(change_url(page), form_data(client, page, status="published"))
    assert response.status_code == 302

    shown = visitor_get("/fees/")
    assert shown.status_code == 200
    html = shown.text
    assert "<h1>Fees and cancellations</h1>" in html
    assert "<td>£70</td>" in html
    assert '<link rel="canonical" href="' in html and '/fees/">' in html
    # Without the final slash it is found too, as every address of the site is.
    assert visitor_get("/fees").status_code == 301


def test_a_renamed_page_keeps_its_old_address(client, editor):
    page = make_page()
    response = client.post(change_url(page), form_data(client, page, slug="prices"))
    assert response.status_code == 302

    moved = visitor_get("/fees/")
    assert moved.status_code == 301
    assert moved["Location"] == "/prices/"
    assert visitor_get("/prices/").status_code == 200


def test_a_draft_renamed_leaves_no_old_address(client, editor):
    page = make_page(published=False)
    client.post(change_url(page), form_data(client, page, slug="prices"))
    assert not Redirect.objects.exists()


def test_restoring_an_old_version_brings_back_its_text_not_its_address(client, editor):
    page = make_page(published=False)
    client.post(change_url(page), form_data(client, page, body="First words."))
    client.post(change_url(page), form_data(client, page, body="Second words.", slug="prices"))
    baseline, first, _ = Version.objects.get_for_object(page).order_by("pk")
    assert baseline.field_dict["body"] == "Some words about fees and cancellations."

    restore = reverse("admin:pages_page_restore", args=[page.pk, first.pk])
    assert client.post(restore).status_code == 302

    page.refresh_from_db()
    assert page.body == "First words."
    assert page.body_html == "<p>First words.</p>"
    assert page.slug == "prices"
    assert page.status == Page.Status.DRAFT
    assert Version.objects.get_for_object(page).count() == 4


def test_unpublishing_hides_the_page_everywhere(client, editor):
    page = make_page(body="Our fees are set each April.")
    MenuLink.objects.create(menu="footer", label="Our fees", target="page", page=page)
    assert "Our fees</a>" in visitor_get("/").text
    assert "/fees/</loc>" in visitor_get("/sitemap.xml").text

    response = client.post(
        reverse("admin:pages_page_changelist"),
        {"action": "unpublish", "_selected_action": [page.pk]},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.status == Page.Status.DRAFT

    assert visitor_get("/fees/").status_code == 404
    assert "Our fees</a>" not in visitor_get("/").text
    sitemap = visitor_get("/sitemap.xml").text
    assert "/fees/" not in sitemap
    found = visitor_get(reverse("search") + "?q=April").text
    assert "/fees/" not in found


def test_published_pages_are_in_the_sitemap_and_found_by_search(db):
    make_page(body="Reduced fees for students.")
    make_page("Secret plans", slug="plans", published=False, body="Reduced quokkazanzibar.")

    sitemap = visitor_get("/sitemap.xml").text
    assert "/fees/</loc>" in sitemap
    assert "/plans/" not in sitemap
    found = visitor_get(reverse("search") + "?q=reduced").text
    assert 'href="/fees/"' in found
    assert "/plans/" not in found
    assert visitor_get("/plans/").status_code == 404


def test_an_address_the_site_uses_is_refused_in_plain_words(client, editor):
    for taken, path in [
        ("articles", "/articles/"),
        ("therapists/someone", "/therapists/someone/"),
        ("contact", "/contact/"),
        ("search", "/search/"),
    ]:
        response = client.post(
            ADD_URL, form_data(client, title="Mine", slug=taken, summary="S.", body="B.")
        )
        assert response.status_code == 200, taken
        errors = response.context["adminform"].form.errors["slug"]
        assert errors == [
            f"The site already has a page of its own at {path}, so a page at /{taken}/ could "
            "never be seen. Choose another address."
        ]
    response = client.post(
        ADD_URL, form_data(client, title="Mine", slug="about us!", summary="S.", body="B.")
    )
    assert "Use lower-case letters, numbers and hyphens" in response.text
    assert not Page.objects.exists()


def test_unknown_addresses_still_answer_404_and_old_addresses_still_redirect(db):
    make_page()
    Redirect.objects.create(old_path="/old-fees", target_path="/fees/")
    assert visitor_get("/no-such-page/").status_code == 404
    # Not turned into /no-such-page/ first: only a real page's address gains its slash.
    assert visitor_get("/no-such-page").status_code == 404
    assert visitor_get("/FEES/").status_code == 404
    old = visitor_get("/old-fees")
    assert old.status_code == 301 and old["Location"] == "/fees/"


def test_a_page_under_another_shows_its_breadcrumbs_and_is_listed_there(db):
    about = make_page("About us", slug="about")
    make_page("Our rooms", slug="about/our-rooms", parent=about, summary="Where we meet.")
    make_page("Hidden", slug="about/hidden", parent=about, published=False)

    rooms = visitor_get("/about/our-rooms/").text
    crumbs = rooms.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/about/">About us</a>' in crumbs
    about_html = visitor_get("/about/").text
    assert '<a href="/about/our-rooms/">Our rooms</a>: Where we meet.' in about_html
    assert "Hidden" not in about_html


def test_a_draft_parent_is_not_linked_from_its_published_child(db):
    about = make_page("About us", slug="about", published=False)
    make_page("Our rooms", slug="about/our-rooms", parent=about)
    rooms = visitor_get("/about/our-rooms/").text
    assert 'href="/about/"' not in rooms


def test_a_page_mentioning_suicide_needs_the_support_box_to_be_published(client, editor):
    page = make_page(published=False, slug="crisis", body="If you think about suicide, call.")
    response = client.post(change_url(page), form_data(client, page, status="published"))
    assert response.status_code == 200
    assert "switch on the support box" in response.text
    response = client.post(
        change_url(page), form_data(client, page, status="published", show_support_box="on")
    )
    assert response.status_code == 302
    assert "If this page has raised difficult feelings" in visitor_get("/crisis/").text


def test_typed_html_and_scripts_never_reach_the_page(db):
    make_page(body='<script>alert(1)</script>\n\n<a href="javascript:x()">link</a> words')
    html = visitor_get("/fees/").text
    assert "alert(1)" not in html
    assert "javascript:" not in html


def test_editors_may_not_delete_pages(client, editor):
    page = make_page()
    response = client.post(reverse("admin:pages_page_delete", args=[page.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Page.objects.exists()


def test_a_stale_save_of_a_page_merges_other_fields_and_asks_about_the_same_one(client, editor):
    from django.contrib.auth.models import Group

    from tests.factories import make_staff_user

    page = make_page(body="Original words.")
    client.post(change_url(page), form_data(client, page))  # a first revision
    sams_form = form_data(client, page)  # Sam opens the page...
    alex = make_staff_user("alex", first_name="Alex")
    alex.groups.add(Group.objects.get(name="Editors"))
    other = Client()
    other.force_login(alex)  # ...Alex changes its body and saves first.
    assert (
        other.post(change_url(page), form_data(other, page, body="Alex's words.")).status_code
        == 302
    )

    # Sam changed another field: both changes are kept, no conflict page.
    merged_form = {**sams_form, "summary": "Sam's summary."}
    assert client.post(change_url(page), merged_form).status_code == 302
    page.refresh_from_db()
    assert (page.body, page.summary) == ("Alex's words.", "Sam's summary.")

    # Sam changed the body too, from the same old version: only that field is asked about,
    # and what Sam typed is on the page to keep.
    clashing_form = {**sams_form, "body": "Sam's words."}
    refused = client.post(change_url(page), clashing_form)
    assert refused.status_code == 409
    assert "Sam&#x27;s words." in refused.text
    page.refresh_from_db()
    assert page.body == "Alex's words."


def test_typing_in_a_page_is_autosaved_for_its_writer_only(client, editor):
    from editing.models import AutosavedDraft

    page = make_page(body="Saved words.")
    response = client.post(
        reverse("admin:autosave", args=["pages", "page", page.pk]),
        {"body": "Typed, not saved.", "status": "draft"},
    )
    assert response.status_code == 204
    page.refresh_from_db()
    assert page.body == "Saved words."
    assert AutosavedDraft.objects.get(user=editor).data == {"body": "Typed, not saved."}
