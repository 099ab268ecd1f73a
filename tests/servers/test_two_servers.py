"""Two app servers, one site: what staff and visitors do works whichever server each request
lands on. nginx round-robin in front, PostgreSQL (or a SQLite file) and Redis shared, uploads in
the object store (moto's S3 server); each server's own media folder stays empty."""

import io
import os
import re
import secrets
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from tests.factories import article_form_data
from tests.servers.browser import Browser
from tests.servers.cluster import PASSWORD, Cluster, Unavailable, postgres_database, redis_available

pytestmark = pytest.mark.servers

EXPORT = Path(__file__).resolve().parents[1] / "articles" / "wxr" / "squarespace-export.xml"


def _unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"The two-server test cannot run in CI: {reason}")
    pytest.skip(f"The two-server test cannot run here: {reason}")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, s3_server):
    if not redis_available():
        _unavailable("Redis is not answering on 127.0.0.1:6379")
    tmp = tmp_path_factory.mktemp("servers")
    drop = None
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        name = base.rsplit("/", 1)[-1].split("?")[0] + "_servers"
        database_url, drop = postgres_database(base, name)
    else:
        database_url = f"sqlite:///{tmp / 'shared.sqlite3'}"
    cluster = Cluster(tmp, s3_server.environment(*s3_server.new_buckets()), database_url)
    try:
        cluster.start()
    except Unavailable as error:
        cluster.stop()
        _unavailable(str(error))
    yield cluster
    cluster.stop()
    assert not any((tmp / "media-a").iterdir()) and not any((tmp / "media-b").iterdir())
    if drop is not None:
        drop()


@pytest.fixture
def staff(cluster):
    browser = Browser(cluster)
    browser.log_in("boss", PASSWORD, on="a")
    return browser


def _png(colour="teal"):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 800), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _article_form(slug, **overrides):
    five_minutes_ago = timezone.localtime() - timezone.timedelta(minutes=5)
    return article_form_data(
        **{
            "title": f"Finding calm {slug}",
            "slug": slug,
            "status": "published",
            "publish_at_0": five_minutes_ago.strftime("%d/%m/%Y"),
            "publish_at_1": five_minutes_ago.strftime("%H:%M:%S"),
            **overrides,
        }
    )


def _add_article(staff, on, files=None, **overrides):
    slug = f"calm-{secrets.token_hex(3)}"
    page = staff.post("/admin/articles/article/add/", _article_form(slug, **overrides), on, files)
    assert page.status == 302, page.text[:3000]
    change = page.headers["Location"]
    if "/change/" not in change:  # "Save" goes to the list; find the article's own page
        listing = staff.get(f"/admin/articles/article/?q={slug}", on=on).text
        change = re.search(r'href="(/admin/articles/article/\d+/change/)[^"]*"', listing).group(1)
    return slug, change


def test_a_photo_uploaded_through_one_server_shows_through_the_other(cluster, staff):
    slug, _change = _add_article(
        staff,
        on="a",
        files={"hero_image": ("lake.png", _png())},
        hero_image_alt="A quiet lake at dawn.",
    )

    visitor = Browser(cluster)
    page = visitor.get(f"/articles/{slug}/", on="b")
    assert page.status == 200
    src = re.search(r'<img[^>]+src="([^"]+)"[^>]+alt="A quiet lake at dawn\."', page.text)
    assert src, "the article page shows its hero image"
    assert src.group(1).startswith(f"{cluster.url}/media/articles/display/")
    image = visitor._open("GET", src.group(1).removeprefix(cluster.url))
    assert image.status == 200 and image.headers["Content-Type"] == "image/webp"
    assert "max-age=31536000" in image.headers["Cache-Control"]


def test_an_edit_through_one_server_refreshes_the_page_the_other_cached(cluster, staff):
    slug, change = _add_article(staff, on="a")
    visitor = Browser(cluster)
    visitor.get(f"/articles/{slug}/", on="b")
    cached = visitor.get(f"/articles/{slug}/", on="b")
    assert cached.headers.get("X-Cache") == "HIT" and f"Finding calm {slug}" in cached.text

    form = staff.get(change, on="a")
    based_on = re.search(r'name="_based_on_revision" value="(\d*)"', form.text).group(1)
    edited = staff.post(
        change,
        _article_form(slug, title="A calmer title", _based_on_revision=based_on),
        on="a",
    )
    assert edited.status == 302, edited.text[:3000]

    page = visitor.get(f"/articles/{slug}/", on="b")
    assert "A calmer title" in page.text and f"Finding calm {slug}" not in page.text


def test_edit_conflicts_and_autosave_work_across_the_two_servers(cluster, staff):
    slug, change = _add_article(staff, on="a")
    colleague = Browser(cluster)
    colleague.log_in("boss", PASSWORD, on="b")

    # Both open the page; one saves through server a, the other through server b.
    mine = staff.get(change, on="a")
    theirs = colleague.get(change, on="b")
    based_on = re.search(r'name="_based_on_revision" value="(\d*)"', mine.text).group(1)
    assert based_on == re.search(r'name="_based_on_revision" value="(\d*)"', theirs.text).group(1)
    first = staff.post(change, _article_form(slug, title="Mine", _based_on_revision=based_on), "a")
    assert first.status == 302
    second = colleague.post(
        change, _article_form(slug, title="Theirs", _based_on_revision=based_on), on="b"
    )
    assert second.status == 409  # caught, not silently written over

    # Text autosaved through one server is offered back by the other.
    autosave = f"/admin/autosave/articles/article/{change.split('/')[-3]}/"
    saved = staff.post(
        autosave, {"title": "Typed, not saved", "body": "Half a thought"}, on="a", csrf_from=change
    )
    assert saved.status == 204
    assert "You have unsaved changes" in staff.get(change, on="b").text


def test_the_contact_forms_rate_limit_counts_across_both_servers(cluster):
    visitor = Browser(cluster)
    enquiry = {
        "name": "Alex Example",
        "email": "alex@example.org",
        "phone": "",
        "contact_method": "email",
        "message": "I have been feeling anxious since a bereavement.",
        "preferred_modality": "",
        "preferred_format": "",
        "preferred_therapist": "",
        "first_step": "not_sure",
        "voicemail_ok": "yes",
        "may_identify": "yes",
        "consent": "on",
        "website": "",
    }
    # ENQUIRY_RATE_LIMIT is 3 for this test: three sent, through a, b, a; the fourth is held.
    for server in ("a", "b", "a"):
        assert visitor.post("/contact/", enquiry, on=server).status == 302
    held = visitor.post("/contact/", enquiry, on="b")
    assert held.status == 429
    assert "I have been feeling anxious since a bereavement." in held.text  # nothing is lost


def test_the_imports_two_steps_land_on_different_servers(cluster, staff):
    url = "/admin/articles/article/import/"
    checked = staff.post(url, {}, on="a", files={"file": ("export.xml", EXPORT.read_bytes())})
    assert checked.status == 200 and "Dry run: nothing was saved." in checked.text

    done = staff.post(url, {"confirm": "1"}, on="b")
    assert done.status == 200 and "Import finished." in done.text
