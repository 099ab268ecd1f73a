"""Real exports move across: WordPress files of every WXR version, Squarespace's malformed XML,
pages through the page importer an app registers, and the old site's own search text.

The exports are written by tests/articles/wxr/wordpress.py (and inline here), shaped like the
quirks real files have; nothing is copied from other projects.
"""

import functools
import http.server
import re
import threading
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article, ImportedItem, Topic
from core import page_import
from redirects.models import Redirect
from tests.articles.wxr.wordpress import wordpress_export

pytestmark = pytest.mark.django_db


def run(path, *args):
    out = StringIO()
    call_command("import_wxr", str(path), *args, stdout=out)
    return out.getvalue()


def count(report, label):
    return int(re.search(rf"  {re.escape(label)}: (\d+)", report).group(1))


@pytest.fixture
def write(tmp_path):
    def write(text, name="export.xml"):
        path = tmp_path / name
        path.write_text(text)
        return path

    return write


# --- Every WXR version --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "scheme"), [("1.0", "http"), ("1.1", "http"), ("1.2", "https"), ("1.2", "http")]
)
def test_every_wxr_version_keeps_status_type_dates_and_old_links(write, client, version, scheme):
    path = write(wordpress_export(posts=3, drafts=1, version=version, scheme=scheme))

    report = run(path)

    assert f"Read as a WordPress export (WXR {version})." in report
    published = Article.objects.get(slug="post-1")
    assert published.status == Article.Status.PUBLISHED
    assert published.publish_at.isoformat() == "2013-01-28T09:30:00+00:00"
    assert Article.objects.get(title="Post number 3").status == Article.Status.DRAFT
    assert not Article.objects.filter(title__in=["About", "photo-1"]).exists()
    assert count(report, "pages imported") == 1  # by the pages app (tests/pages)
    assert count(report, "attachments (images only)") == 1
    # The dated permalink and the ?p= link answer 301; the home page still answers itself.
    for old in ("/2013/01/28/post-1/", "/2013/01/28/post-1", "/?p=101"):
        response = client.get(old)
        assert (old, response.status_code, response["Location"]) == (old, 301, "/articles/post-1/")
    assert client.get("/?utm_source=x").status_code == 200
    assert client.get("/?p=999").status_code == 200  # an address that never existed
    # No address of the blog invented from a date segment.
    assert not Redirect.objects.filter(old_path__in=["/2013", "/2013/category/anxiety"]).exists()
    # Squarespace's forms only for a Squarespace export.
    assert not Redirect.objects.filter(old_path__startswith="/blog").exists()


def test_a_file_without_wordpress_fields_is_refused_clearly(write):
    text = wordpress_export().replace("wordpress.org/export/1.2/", "example.org/other/")
    with pytest.raises(CommandError) as error:
        run(write(text))
    assert "not a WordPress (WXR) export: it has no WordPress fields" in str(error.value)


def test_a_186_item_export_makes_redirects_in_the_low_hundreds_none_pointing_two_ways(
    write, client
):
    path = write(wordpress_export(posts=150, drafts=10, pages=6, attachments=30))

    report = run(path, "--topics=both")

    total = count(report, "redirects created")
    assert 150 <= total <= 400, report
    assert count(report, "redirects: old post addresses") == 140
    # One per post, and one per page (the pages app imports them: tests/pages).
    assert count(report, "redirects: old ?p= and ?page_id= addresses") == 150 + 6
    addresses = list(Redirect.objects.values_list("old_path", "query"))
    assert len(addresses) == len(set(addresses)) == total
    assert client.get("/category/anxiety").status_code == 301
    assert (
        client.get("/tag/tag-3/")["Location"] == Topic.objects.get(slug="tag-3").get_absolute_url()
    )
    assert client.get("/feed/")["Location"] == reverse("articles:feed")


def test_an_old_address_never_points_two_ways_and_each_clash_is_reported(write, client):
    Redirect.objects.create(old_path="/2013/01/28/post-1", target_path="/therapists/")
    text = wordpress_export(posts=3, drafts=0).replace("/2013/02/14/post-2/", "/2013/03/03/post-3/")

    report = run(write(text))

    assert "/2013/01/28/post-1 already has a redirect (staff): left as it is" in report
    assert "/2013/03/03/post-3 was also the address of another item" in report
    assert count(report, "old addresses left as they were (they lead elsewhere)") == 2
    assert client.get("/2013/01/28/post-1/")["Location"] == "/therapists/"
    assert client.get("/2013/03/03/post-3/")["Location"] == "/articles/post-2/"  # the first
    assert client.get("/?p=103")["Location"] == "/articles/post-3/"
    addresses = list(Redirect.objects.values_list("old_path", "query"))
    assert len(addresses) == len(set(addresses))


def test_a_second_run_changes_nothing_and_a_dry_run_writes_nothing(write):
    path = write(wordpress_export(posts=5, untitled=1))

    dry = run(path, "--dry-run", "--topics=categories")

    assert not Article.objects.exists() and not Redirect.objects.exists()
    assert not Topic.objects.exists() and not ImportedItem.objects.exists()
    first = run(path, "--topics=categories")
    rows = (Article.objects.count(), Redirect.objects.count(), Topic.objects.count())
    second = run(path, "--topics=categories")
    for label in ("posts imported", "redirects created", "topics created"):
        assert count(dry, label) == count(first, label), label
    assert count(second, "posts imported") == count(second, "redirects created") == 0
    assert count(second, "posts unchanged (imported before)") == 5
    assert (Article.objects.count(), Redirect.objects.count(), Topic.objects.count()) == rows


def test_topics_only_when_chosen_and_the_dry_run_lists_them(write):
    path = write(wordpress_export(posts=5))

    preview = run(path, "--dry-run")
    none = run(path)

    assert "The file's categories (5) are not imported (choose with --topics): Anxiety," in preview
    assert "tag-1" in preview
    assert not Topic.objects.exists() and count(none, "topics created") == 0
    chosen = run(path, "--topics=categories", "--update")
    assert "topic created: Work & Stress" in chosen
    assert set(Topic.objects.values_list("name", flat=True)) == set(
        ["Anxiety", "Couples", "Grief", "Sleep", "Work & Stress"]
    )


def test_an_untitled_wordpress_post_is_a_flagged_draft(write):
    report = run(write(wordpress_export(posts=3, untitled=1, drafts=0)))

    article = Article.objects.get(slug="post-1")
    assert article.title == "Words of post 1, written on the old site."
    assert article.status == Article.Status.DRAFT
    assert count(report, "untitled posts imported as drafts") == 1


def test_a_scheduled_post_stays_scheduled_and_menus_are_counted_not_imported(write, client):
    text = wordpress_export(posts=2, drafts=0, menu_items=4)
    text = text.replace("<![CDATA[publish]]>", "<![CDATA[future]]>", 1).replace(
        "2013-01-28 09:30:00", "2099-01-28 09:30:00"
    )

    report = run(write(text))

    scheduled = Article.objects.get(slug="post-1")
    assert scheduled.status == Article.Status.PUBLISHED
    assert scheduled.publish_at.year == 2099
    assert client.get(scheduled.get_absolute_url()).status_code == 404  # not yet
    assert count(report, "other items not imported (menus, blocks...)") == 4
    assert "nav_menu_item" not in report
    assert Article.objects.count() == 2


def test_a_classic_editor_post_keeps_its_paragraphs_and_captioned_image():
    from articles.importers.converting import convert

    converted = convert(
        "First paragraph, with <em>words</em>.\n\nSecond line one\nline two.\n\n"
        '[caption id="attachment_7" width="300"]<img src="https://old.example/a.jpg" '
        'alt="Two chairs" /> Our room[/caption]'
    )

    assert converted.markdown == (
        "First paragraph, with *words*.\n\nSecond line one  \nline two.\n\nWXRIMAGE0MARK\n"
    )
    assert (converted.images[0].alt, converted.images[0].caption) == ("Two chairs", "Our room")


# --- Squarespace's malformed XML ----------------------------------------------------------------

SQUARESPACE = """<?xml version="1.0" encoding="UTF-8"?>
<!-- This is a WordPress eXtended RSS file generated by Squarespace as an export of your site. -->
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Calm & Clear Therapy</title>
<link>https://www.calm-clear.example</link>
<item>
<title>Sleep & Anxiety &mdash; what helps&nbsp;now</title>
<link>/blog/sleep-and-anxiety</link>
<content:encoded><![CDATA[<p>Rest & recovery: the body first.</p>]]></content:encoded>
<wp:post_name>sleep-and-anxiety</wp:post_name>
<wp:post_type>post</wp:post_type>
<wp:post_id>1</wp:post_id>
<wp:status>publish</wp:status>
<wp:post_date_gmt>2024-02-03 10:00:00</wp:post_date_gmt>
<wp:postmeta><wp:meta_key>photo</wp:meta_key><wp:meta_value>https://images.squarespace-cdn.com/a.jpg?ixlib=rb-1.2.1&ixid=eyJhcHBfaWQiOjEyMDd9&w=1000</wp:meta_value></wp:postmeta>
</item>
</channel>
</rss>
"""


def test_a_squarespace_export_with_bare_ampersands_and_html_entities_is_read(write, client):
    report = run(write(SQUARESPACE))

    article = Article.objects.get(slug="sleep-and-anxiety")
    assert article.title == "Sleep & Anxiety — what helps\xa0now"
    assert article.status == Article.Status.PUBLISHED
    assert (
        "The file was not well-formed XML: 4 bare & characters and 2 HTML entities were read as "
        "text." in report
    )
    assert "Read as a Squarespace export (WXR 1.2)." in report
    for old in ("/blog/sleep-and-anxiety", "/blog/2024/2/3/sleep-and-anxiety", "/blog"):
        assert client.get(old).status_code == 301, old


def test_html_pasted_in_a_post_with_its_own_doctype_is_text_not_a_dtd(write):
    text = SQUARESPACE.replace("<p>Rest & recovery", "<!DOCTYPE html><p>Rest & recovery")

    run(write(text))

    assert (
        Article.objects.get(slug="sleep-and-anxiety").body == "Rest & recovery: the body first.\n"
    )


def refused(write, text):
    with pytest.raises(CommandError) as error:
        run(write(text))
    assert not Article.objects.exists() and not Redirect.objects.exists()
    assert "\n" not in str(error.value)
    return str(error.value)


def test_broken_files_stay_refused_even_with_the_tolerant_reading(write):
    laughs = SQUARESPACE.replace(
        "<rss", '<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<rss'
    )
    external = SQUARESPACE.replace(
        "<rss", '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<rss'
    )
    assert "declares XML entities or a DTD" in refused(write, laughs)
    assert "declares XML entities or a DTD" in refused(write, external)
    truncated = refused(write, SQUARESPACE[: SQUARESPACE.index("<wp:post_type>")])
    assert "cannot be read even after repairs" in truncated
    assert "item 1 “Sleep & Anxiety" in truncated and "line 14" in truncated
    assert "send the file to whoever runs this website" in truncated


# --- Pages through the registered page importer -------------------------------------------------


@pytest.fixture
def page_importer():
    """A stand-in for the pages app: each page becomes a Topic (a registered content model with
    a public address), remembered by its source so a second run changes nothing."""
    calls = []
    kept = {}

    def import_page(page, dry_run):
        calls.append((page, dry_run))
        if page.source in kept:
            return page_import.PageOutcome(page_import.UNCHANGED, kept[page.source])
        if dry_run:
            return page_import.PageOutcome(page_import.IMPORTED, None, f"/topics/{page.slug}/")
        topic = Topic.objects.create(name=page.title, slug=page.slug)
        kept[page.source] = topic
        return page_import.PageOutcome(
            page_import.IMPORTED, topic, topic.get_absolute_url(), f"now at /topics/{page.slug}/"
        )

    installed = page_import.registered()
    page_import.register(import_page)
    yield calls
    page_import.register(installed)


@pytest.fixture
def no_page_importer():
    """As on a site without the pages app: no page importer registered."""
    installed = page_import.registered()
    page_import.unregister()
    yield
    page_import.register(installed)


def test_pages_go_to_the_registered_page_importer_with_redirects_from_their_old_links(
    write, client, page_importer
):
    path = write(wordpress_export(posts=1, drafts=0, pages=2))

    dry = run(path, "--dry-run")
    report = run(path)
    again = run(path)

    pages = [page for page, dry_run in page_importer if not dry_run]
    about = pages[0]
    assert (about.title, about.old_path, about.slug, about.published) == (
        "About",
        "/about",
        "about",
        True,
    )
    assert about.body == "The page called about.\n"
    assert count(dry, "pages imported") == count(report, "pages imported") == 2
    assert count(report, "pages not imported") == 0
    assert "now at /topics/about/" in report
    topic = Topic.objects.get(slug="about").get_absolute_url()
    for old in ("/about/", "/about", "/?page_id=2"):
        assert client.get(old)["Location"] == topic, old
    assert count(again, "redirects created") == 0 and count(again, "pages imported") == 0


def test_without_a_page_importer_pages_are_reported_not_imported(write, no_page_importer):
    report = run(write(wordpress_export(posts=1, pages=2)))

    assert count(report, "pages not imported") == 2
    assert "a page (https://old-practice.example/about/) is not imported" in report


# --- The old site's own search text -------------------------------------------------------------


@pytest.fixture
def old_site(tmp_path):
    """The old site, still online, on 127.0.0.1 (a free port): one post's page, with its search
    description and social image; any other address answers 404."""
    from tests.articles.test_import_wxr import jpeg

    (tmp_path / "site" / "2013" / "01" / "28" / "post-1").mkdir(parents=True)
    (tmp_path / "site" / "2013" / "01" / "28" / "post-1" / "index.html").write_text(
        '<html><head><meta name="description" content="How to  sleep when worry keeps you '
        'up.">\n<meta property="og:image" content="/share.jpg"></head><body></body></html>'
    )
    (tmp_path / "site" / "share.jpg").write_bytes(jpeg(1300, 700, exif=False))
    handler = functools.partial(_Quiet, directory=str(tmp_path / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def test_site_reads_each_posts_live_page_for_its_search_text(write, old_site):
    path = write(wordpress_export(posts=2, drafts=0))

    report = run(path, "--site", f"http://{old_site}", "--allow-host", old_site)

    article = Article.objects.get(slug="post-1")
    assert article.seo_description == "How to sleep when worry keeps you up."
    assert article.hero_image and article.hero_image_alt == "Post number 1"
    assert count(report, "live pages read for their search text") == 1
    assert f"http://{old_site}/2013/02/14/post-2/ could not be read: the server answered 404" in (
        report
    )
    assert Article.objects.get(slug="post-2").status == Article.Status.PUBLISHED


def test_site_on_a_private_address_is_refused_unless_allowed(write, old_site):
    report = run(write(wordpress_export(posts=1, drafts=0)), "--site", f"http://{old_site}")

    assert "private or local address" in report
    assert Article.objects.get(slug="post-1").seo_description == ""


# --- The admin, for the owner's staff -----------------------------------------------------------


def test_an_editor_sees_the_import_link_and_imports_with_a_topic_choice(
    client, django_user_model, write
):
    editor = django_user_model.objects.create_user("ed", password="pw-long-enough-1", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    changelist = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Import a blog (Squarespace or WordPress)" in changelist

    url = reverse("admin:articles_article_import")
    with write(wordpress_export(posts=2, drafts=0)).open("rb") as file:
        checked = client.post(url, {"file": file, "topics": "tags"})
    page = checked.content.decode()
    assert "The file&#x27;s tags (4) become topics" in page or "tags (4) become topics" in page
    assert "the form&#x27;s Authors box" in page or "form's Authors box" in page
    assert '<input type="hidden" name="topics" value="tags">' in page  # kept for the confirm
    done = client.post(url, {"confirm": "1", "topics": "tags"})

    assert done.status_code == 200 and Article.objects.count() == 2
    assert Topic.objects.count() == 4


def test_staff_without_the_import_permission_may_not_import(client, django_user_model):
    staff = django_user_model.objects.create_user("s", password="pw-long-enough-1", is_staff=True)
    client.force_login(staff)

    assert client.get(reverse("admin:articles_article_import")).status_code == 403


def test_the_admin_answers_an_unreadable_file_with_the_item_line_and_what_to_do(
    admin_client, write
):
    url = reverse("admin:articles_article_import")
    with write(SQUARESPACE[: SQUARESPACE.index("<wp:post_type>")]).open("rb") as file:
        response = admin_client.post(url, {"file": file})

    page = response.content.decode()
    assert response.status_code == 400
    assert "cannot be read even after repairs" in page and "line 14" in page
    assert "Export the file again from the old site" in page
