"""Pages of the old site move across with the blog: a WordPress export's pages become pages
here at their old addresses (pages.importing), with redirects from their old links.

The exports are written here (pages added to tests/articles/wxr/wordpress.py's channel), shaped
like real ones: a page's permalink, its ?page_id= guid, a draft with only a ?page_id= link.
"""

import re
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from pages.models import ImportedPage, Page
from redirects.models import Redirect
from tests.articles.wxr.wordpress import SITE, _item, wordpress_export

pytestmark = pytest.mark.django_db


def page_item(page_id, title, name, status="publish", content="", link=None):
    return _item(
        title=title,
        link=link or f"{SITE}/{name}/",
        guid=f"{SITE}/?page_id={page_id}",
        post_id=page_id,
        post_name=name,
        post_type="page",
        status=status,
        moment=datetime(2019, 5, 2, 10, 0),
        content=content or f"<p>The page called {title}.</p><p>More about it.</p>",
    )


ABOUT = page_item(2, "About", "about", content="<p>We are a small practice.</p>")
DRAFT = page_item(3, "Fees 2026", "", status="draft", link=f"{SITE}/?page_id=3")
CONTACT = page_item(4, "Contact", "contact", content="<p>Call us on 01632 960000.</p>")


@pytest.fixture
def export(tmp_path):
    def export(*items):
        text = wordpress_export(posts=0, pages=0, attachments=0)
        path = tmp_path / "export.xml"
        path.write_text(text.replace("</channel>", "".join(items) + "</channel>"))
        return path

    return export


def run(path, *args):
    out = StringIO()
    call_command("import_wxr", str(path), *args, stdout=out)
    return out.getvalue()


def count(report, label):
    return int(re.search(rf"  {re.escape(label)}: (\d+)", report).group(1))


def test_a_wordpress_page_becomes_a_page_at_its_old_address(export, client):
    report = run(export(ABOUT))

    about = Page.objects.get(slug="about")
    assert (about.title, about.status) == ("About", Page.Status.PUBLISHED)
    assert about.summary == "We are a small practice."
    response = client.get("/about/")
    assert response.status_code == 200
    assert "We are a small practice." in response.content.decode()
    for old in ("/about", "/?page_id=2"):
        response = client.get(old)
        assert (old, response.status_code, response["Location"]) == (old, 301, "/about/")
    assert count(report, "pages imported") == 1
    assert count(report, "pages not imported") == 0
    assert "is not imported" not in report


def test_a_draft_page_stays_a_draft_visitors_cannot_see(export, client):
    run(export(DRAFT))

    draft = Page.objects.get(title="Fees 2026")
    assert draft.status == Page.Status.DRAFT
    assert client.get(draft.get_absolute_url()).status_code == 404
    # Its old link does not lead visitors to it either: they see the home page.
    response = client.get("/?page_id=3")
    assert response.status_code == 200 and "Fees 2026" not in response.content.decode()


def test_a_page_at_one_of_this_sites_addresses_goes_under_pages_with_a_redirect(export, client):
    report = run(export(CONTACT))

    contact = Page.objects.get(title="Contact")
    assert contact.slug == "pages/contact"
    assert client.get("/pages/contact/").status_code == 200
    assert "/contact/ is this site's own page: the page is now at /pages/contact/" in report
    for old in ("/contact", "/?page_id=4"):  # its old link, as Squarespace writes it, and its id
        assert client.get(old)["Location"] == "/pages/contact/", old
    # The site's own contact page still answers at its address.
    response = client.get("/contact/")
    assert response.status_code == 200 and "01632 960000" not in response.content.decode()


def test_a_second_run_changes_nothing(export):
    path = export(ABOUT, DRAFT, CONTACT)
    run(path)
    before = list(Page.objects.values_list("slug", "updated_at").order_by("slug"))
    redirects = Redirect.objects.count()

    again = run(path)
    updated = run(path, "--update")

    assert list(Page.objects.values_list("slug", "updated_at").order_by("slug")) == before
    assert Redirect.objects.count() == redirects
    for report in (again, updated):
        assert count(report, "pages imported") == 0
        assert count(report, "redirects created") == 0
    assert ImportedPage.objects.count() == 3


def test_update_refreshes_a_page_only_if_nobody_edited_it_since(export):
    run(export(ABOUT, CONTACT))
    edited = Page.objects.get(slug="about")
    edited.body = "Our own words now."
    edited.save()

    changed = [
        ABOUT.replace("small practice", "growing practice"),
        CONTACT.replace("01632", "01999"),
    ]
    report = run(export(*changed), "--update")

    assert Page.objects.get(slug="about").body == "Our own words now."
    assert "was edited on this site since the import: left as it is" in report
    assert "01999 960000" in Page.objects.get(slug="pages/contact").body
    assert count(report, "pages imported") == 1


def test_a_dry_run_writes_nothing_and_reports_the_same(export):
    path = export(ABOUT, DRAFT, CONTACT)

    dry = run(path, "--dry-run")

    assert not Page.objects.exists() and not ImportedPage.objects.exists()
    assert not Redirect.objects.exists()
    real = run(path)
    for label in ("pages imported", "pages not imported", "redirects created"):
        assert count(dry, label) == count(real, label), label
    assert "the page is now at /pages/contact/" in dry


def test_a_page_whose_address_a_page_here_already_has_is_left_as_it_was(export):
    Page.objects.create(title="About us", slug="about", summary="Ours.", body="Ours.")

    report = run(export(ABOUT))

    assert Page.objects.get(slug="about").title == "About us"
    assert "the address /about/ is taken by a page not from this import" in report
    assert count(report, "pages not imported") == 1


def test_an_old_address_is_made_a_tidy_address_here(export, client):
    run(export(page_item(6, "Our Rooms", "Our_Rooms.html", link=f"{SITE}/About/Our_Rooms.html")))

    assert Page.objects.get(title="Our Rooms").slug == "about/our-rooms"
    assert client.get("/About/Our_Rooms.html")["Location"] == "/about/our-rooms/"


def test_a_page_about_suicide_is_imported_as_a_draft_until_the_support_box_is_on(export):
    words = "<p>If you are thinking about suicide, call us.</p>"
    report = run(export(page_item(5, "Crisis", "crisis", content=words)))

    assert Page.objects.get(slug="crisis").status == Page.Status.DRAFT
    assert "imported as a draft; switch on the support box" in report
