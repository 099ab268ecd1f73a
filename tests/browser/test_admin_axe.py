"""axe in Chromium at 1280 px finds nothing on any admin page staff use: the article, page,
therapist, enquiry, image and redirect lists and change forms (of saved objects, and blank), an
object's history and the comparison of an old version, the conflict page, a form sent back with
errors, both imports (the form, and the report of what would happen) and the not-found report.
One tab per page, signed in as a superuser (who sees every button and link there is), on the
demo content."""

import mimetypes
from io import BytesIO
from pathlib import Path

import pytest
import reversion
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import expect
from reversion.models import Version

from articles.models import Article, ArticleImage
from enquiries.models import Enquiry
from pages import demo as pages_demo
from pages.models import Page
from redirects.models import NotFoundPath, Redirect
from tests.browser.test_staff_never_lose_work import PASSWORD, assert_no_axe_violations
from tests.factories import make_enquiry, make_staff_user
from therapists.models import Therapist

WXR = Path(__file__).parent.parent / "articles" / "wxr" / "squarespace-export.xml"


def _revised(obj, user, **changes):
    """Save `obj` as the admin would: a revision by `user`, after `changes`."""
    with reversion.create_revision():
        reversion.set_user(user)
        for name, value in changes.items():
            setattr(obj, name, value)
        obj.save()
    return obj


def _jpeg(width=800, height=450):
    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 180, 150)).save(buffer, "JPEG")
    return SimpleUploadedFile("chairs.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def objects(site):
    """One saved object of each kind staff edit, with revisions where the admin keeps them."""
    pages_demo.load()
    boss = make_staff_user("boss", is_superuser=True, first_name="Robin")
    article = Article.objects.order_by("pk").first()
    first_body = article.body
    _revised(article, boss)
    _revised(article, boss, body=first_body + "\n\nA paragraph added later.")
    page = Page.objects.get(slug="fees")
    _revised(page, boss)
    therapist = Therapist.objects.filter(memberships__isnull=False).order_by("pk").first()
    _revised(therapist, boss)
    image = ArticleImage.objects.create(image=_jpeg(), alt="Two chairs by a window")
    ArticleImage.objects.create(image=_jpeg(640, 480), alt="")  # a description to write
    return {
        "boss": boss,
        "article": article,
        "article_version": Version.objects.get_for_object(article).order_by("pk").first(),
        "page": page,
        "therapist": therapist,
        "enquiry": make_enquiry("Sam Person", status=Enquiry.Status.BOOKED, phone="07700 900123"),
        "image": image,
        "not_found": NotFoundPath.objects.create(path="/blog/an-old-post", hits=3),
        "redirect": Redirect.objects.create(
            old_path="/blog/sleep", target_path="/articles/", note="From the old blog."
        ),
    }


@pytest.fixture
def boss(objects, site, page, settings):
    """The tab, signed in as the superuser; pictures in the media folder are served to it (the
    live server serves static files only, and a missing picture is a console error)."""
    media = Path(settings.MEDIA_ROOT)

    def serve_media(route):
        name = route.request.url.split("/media/", 1)[1].split("?")[0]
        file = media / name
        if file.is_file():
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            route.fulfill(path=file, content_type=kind)
        else:
            route.fulfill(status=404)

    page.route(f"{site.url}/media/**", serve_media)
    page.goto(site.url + "/admin/")
    page.locator("#id_username").fill("boss")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page.locator("#logout-form")).to_be_attached()
    return page


ADMIN_PAGES = {
    "index": lambda o: "/admin/",
    "article list": lambda o: "/admin/articles/article/",
    "article change": lambda o: f"/admin/articles/article/{o['article'].pk}/change/",
    "article add": lambda o: "/admin/articles/article/add/",
    "article history": lambda o: f"/admin/articles/article/{o['article'].pk}/history/",
    "article compare": lambda o: (
        f"/admin/articles/article/{o['article'].pk}/history/{o['article_version'].pk}/"
    ),
    "article import": lambda o: "/admin/articles/article/import/",
    "image list": lambda o: "/admin/articles/articleimage/",
    "image change": lambda o: f"/admin/articles/articleimage/{o['image'].pk}/change/",
    "image add": lambda o: "/admin/articles/articleimage/add/",
    "page list": lambda o: "/admin/pages/page/",
    "page change": lambda o: f"/admin/pages/page/{o['page'].pk}/change/",
    "page add": lambda o: "/admin/pages/page/add/",
    "page history": lambda o: f"/admin/pages/page/{o['page'].pk}/history/",
    "therapist list": lambda o: "/admin/therapists/therapist/",
    "therapist change": lambda o: f"/admin/therapists/therapist/{o['therapist'].pk}/change/",
    "therapist add": lambda o: "/admin/therapists/therapist/add/",
    "therapist history": lambda o: f"/admin/therapists/therapist/{o['therapist'].pk}/history/",
    "enquiry list": lambda o: "/admin/enquiries/enquiry/",
    "enquiry change": lambda o: f"/admin/enquiries/enquiry/{o['enquiry'].pk}/change/",
    "redirect list": lambda o: "/admin/redirects/redirect/",
    "redirect change": lambda o: f"/admin/redirects/redirect/{o['redirect'].pk}/change/",
    "redirect add": lambda o: "/admin/redirects/redirect/add/",
    "redirect import": lambda o: "/admin/redirects/redirect/import/",
    "not-found report": lambda o: "/admin/redirects/notfoundpath/",
    "not-found entry": lambda o: f"/admin/redirects/notfoundpath/{o['not_found'].pk}/change/",
}


@pytest.mark.parametrize("path_of", ADMIN_PAGES.values(), ids=ADMIN_PAGES.keys())
def test_the_admin_page_has_no_axe_violations(site, objects, boss, path_of):
    response = boss.goto(site.url + path_of(objects))

    assert response.status == 200
    assert_no_axe_violations(boss)


def test_the_conflict_page_has_no_axe_violations(site, objects, boss):
    article = objects["article"]
    boss.goto(f"{site.url}/admin/articles/article/{article.pk}/change/")
    _revised(article, objects["boss"], body="Someone else's body, saved meanwhile.")
    boss.locator("#id_body").fill("My own body, typed at the same time.")
    boss.locator("input[name=_continue]").first.click()

    expect(boss.locator("fieldset.conflict-field legend")).to_have_text(["Body"])
    assert_no_axe_violations(boss)


def test_a_change_form_sent_back_with_errors_has_no_axe_violations(site, objects, boss):
    boss.goto(f"{site.url}/admin/articles/article/{objects['article'].pk}/change/")
    boss.locator("#id_title").fill("")
    boss.locator("input[name=_continue]").first.click()

    expect(boss.locator(".errornote")).to_be_visible()
    assert_no_axe_violations(boss)


def test_the_reports_of_both_imports_have_no_axe_violations(site, objects, boss):
    boss.goto(f"{site.url}/admin/articles/article/import/")
    boss.locator("#id_file").set_input_files(WXR)
    boss.get_by_role("button", name="Check the file").click()
    expect(boss.get_by_role("heading", name="What the import would do")).to_be_visible()
    assert_no_axe_violations(boss)

    boss.goto(f"{site.url}/admin/redirects/redirect/import/")
    boss.locator("#id_text").fill("/old-fees -> /fees/ 301\n/blog/sleep -> /articles/ 301\n")
    boss.get_by_role("button", name="Check the list").click()
    expect(boss.get_by_role("heading", name="What would change")).to_be_visible()
    assert_no_axe_violations(boss)
