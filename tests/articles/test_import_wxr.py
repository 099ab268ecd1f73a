"""Moving off Squarespace: its WordPress export becomes articles, images and redirects.

The export in tests/articles/wxr/ is written to look like Squarespace's (the seed article with
its blocks, a dated post with images, a draft, a page and an attachment); its images are served
by a local HTTP server on 127.0.0.1, allowed with --allow-host as an owner would allow a host.
"""

import functools
import http.server
import re
import threading
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from articles.models import Article, ArticleImage, ImportedItem, Topic
from redirects.models import Redirect
from tests.factories import make_article, make_therapist

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "wxr" / "squarespace-export.xml"
SEED = Path(__file__).parent / "wxr" / "the-space-between-coping-and-healing.txt"  # as given
SEED_SLUG = "the-space-between-coping-and-healing"


def jpeg(width, height, exif=True):
    image = Image.new("RGB", (width, height), (90, 140, 120))
    buffer = BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "CameraMaker"  # Make
        data[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS: where the photo was taken
        image.save(buffer, "JPEG", exif=data)
    else:
        image.save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def image_server(tmp_path):
    """A web server on 127.0.0.1 (random port) serving the export's images; yields host:port."""
    root = tmp_path / "cdn"
    folder = root / "content" / "v1" / "5f1a"
    (folder / "1583153327-ABC").mkdir(parents=True)
    (folder / "1583153327-ABC" / "MAKINGIT_grounding_2765x2081px.jpg").write_bytes(jpeg(1600, 1200))
    (folder / "IMG_1234.jpg").write_bytes(jpeg(1400, 700))
    (folder / "not-an-image.jpg").write_text("<html>this is a web page, not a photo</html>")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.requests = []
    QuietHandler.log = server.requests
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    log = []

    def log_message(self, format, *args):
        self.log.append(self.path)


@pytest.fixture
def export(tmp_path, image_server):
    path = tmp_path / "squarespace.xml"
    path.write_text(FIXTURE.read_text().replace("{IMAGE_HOST}", image_server))
    return path


def run(path, *args):
    out = StringIO()
    call_command("import_wxr", str(path), *args, stdout=out)
    return out.getvalue()


def allow(host):
    return ["--allow-host", host]


def count(report, label):
    return int(re.search(rf"  {re.escape(label)}: (\d+)", report).group(1))


def paragraphs_of(html):
    """The text of each block of rendered HTML, as a reader sees it."""
    blocks = re.findall(r"<(h2|h3|p|li|td|th|figcaption)[^>]*>(.*?)</\1>", html, re.S)
    return [re.sub(r"<[^>]+>", "", text).replace("&amp;", "&").strip() for _tag, text in blocks]


# --- A real import ------------------------------------------------------------------------------


def test_the_seed_article_reads_as_on_squarespace_without_its_button_and_next_block(
    export, image_server
):
    make_therapist("Amelia Hart", slug="amelia-hart")

    run(export, *allow(image_server), "--topics=both")

    article = Article.objects.get(slug=SEED_SLUG)
    lines = [line for line in SEED.read_text().splitlines() if line.strip()]
    assert article.title == lines[0]
    expected = lines[1 : lines.index("Browse Our Therapists")]
    assert paragraphs_of(article.body_html) == expected
    assert "Browse Our Therapists" not in article.body
    assert "Next" not in article.body and "Attachment Styles" not in article.body
    assert "Subscribe" not in article.body and "Sign Up" not in article.body
    assert (
        "style=" not in article.body and "sqs-" not in article.body and "\xa0" not in article.body
    )
    assert "## Coping: The Art of Survival" in article.body
    assert article.summary.startswith("Many of us can look perfectly fine")
    assert article.author.slug == "amelia-hart"  # the author's display name matched a therapist
    assert article.status == Article.Status.PUBLISHED
    assert article.publish_at.isoformat() == "2025-10-14T08:30:00+00:00"
    assert article.first_published_at == article.publish_at
    assert {topic.name for topic in article.topics.all()} == {"coping", "Healing"}


def test_a_dated_post_keeps_its_structure_and_its_images_come_home_resized(
    export, image_server, client, settings
):
    report = run(export, *allow(image_server), "--topics=both")

    article = Article.objects.get(slug="five-minute-grounding-practices")
    body = article.body
    assert "*present moment*" in body and "**five minutes**" in body
    assert "### Three ways to begin" in body
    assert "1. Name five things you can see." in body
    assert "> You cannot stop the waves" in body
    assert "| Practice | Time |" in body
    assert "[the NHS website](https://www.nhs.uk/mental-health/)" in body
    image = ArticleImage.objects.get()
    assert f"![MAKINGIT_grounding_2765x2081px.jpg](image:{image.pk})" in body
    assert image.caption == "Feet on the floor: the simplest anchor."
    assert image.alt_needs_writing
    # Stored and resized like an upload: copies without the camera's metadata.
    assert image.source_url.endswith("MAKINGIT_grounding_2765x2081px.jpg")
    assert (image.width_480, image.width_800, image.width_1200) == (480, 800, 1200)
    with Image.open(image.image_1200.path) as copy:
        assert copy.format == "WEBP" and not copy.getexif()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'src="{image.image_1200.url}"' in html and 'loading="lazy"' in html
    assert "<figcaption>Feet on the floor: the simplest anchor.</figcaption>" in html
    assert "127.0.0.1" not in article.body_html
    # The hero image is the post's thumbnail attachment.
    assert article.hero_image_display and article.hero_image_width == 1200
    assert article.hero_image.name.startswith("articles/originals/")
    # The image that is a web page: the article is there, with a note for staff only.
    assert "<!-- Image not imported (not an image we can use" in body
    assert "not-an-image" not in article.body_html
    assert "not-an-image.jpg not imported: not an image" in report
    assert count(report, "images fetched") == 2
    assert count(report, "images that could not be fetched") == 1
    assert count(report, "image descriptions to write") == 2
    assert "IMG_1234.jpg: its description is a file name" in report
    assert sorted(t.slug for t in article.topics.all()) == ["anxiety-support", "grounding"]


def test_the_draft_stays_a_draft_and_the_page_becomes_a_page(export, image_server, client):
    report = run(export, *allow(image_server))

    draft = Article.objects.get(slug="notes-on-winter-blues")
    assert draft.status == Article.Status.DRAFT and draft.first_published_at is None
    assert not Article.objects.filter(title="About").exists()
    assert "About the practice." in client.get("/about/").content.decode()  # tests/pages
    assert "is not imported" not in report
    assert count(report, "posts imported") == 3
    assert count(report, "of which drafts") == 1
    assert count(report, "pages imported") == 1
    assert count(report, "pages not imported") == 0
    assert "no therapist for its author office@smarttherapy.example (Practice Office)" in report


def test_every_old_address_answers_301_to_the_new_one(export, image_server, client):
    run(export, *allow(image_server), "--topics=both")
    seed = Article.objects.get(slug=SEED_SLUG).get_absolute_url()
    dated = Article.objects.get(slug="five-minute-grounding-practices").get_absolute_url()
    topic = Topic.objects.get(slug="anxiety-support").get_absolute_url()

    for old, new in [
        ("/blog/the-space-between-coping-and-healing", seed),
        ("/blog/The-Space-Between-Coping-and-Healing/", seed),
        ("/blog/the-space-between-coping-and-healing.html", seed),
        ("/blog/the-space-between-coping-and-healing?format=amp", seed),
        ("/blog/2025/10/14/the-space-between-coping-and-healing", seed),
        ("/blog/2025/3/7/five-minute-grounding-practices", dated),
        ("/blog/2025/03/07/five-minute-grounding-practices", dated),
        ("/blog/2025/3/7/five-minute-grounding-practices?format=amp", dated),
        ("/blog/five-minute-grounding-practices", dated),
        ("/blog", reverse("articles:list")),
        ("/blog/", reverse("articles:list")),
        ("/blog?format=rss", reverse("articles:feed")),
        ("/blog/?format=rss", reverse("articles:feed")),
        ("/blog/category/Anxiety+Support", topic),
        ("/blog/category/anxiety-support", topic),
        ("/blog?category=Anxiety+Support", topic),
        ("/blog/tag/grounding", Topic.objects.get(slug="grounding").get_absolute_url()),
        ("/blog?tag=grounding", Topic.objects.get(slug="grounding").get_absolute_url()),
    ]:
        response = client.get(old)
        assert (old, response.status_code, response.get("Location")) == (old, 301, new)
    assert client.get(seed).status_code == 200
    redirect = Redirect.objects.get(old_path="/blog/the-space-between-coping-and-healing")
    assert redirect.source == Redirect.Source.IMPORT
    assert redirect.note.startswith("Squarespace import 20")
    assert not Redirect.objects.filter(old_path="/null").exists()


def test_a_second_run_changes_nothing(export, image_server):
    first = run(export, *allow(image_server))
    before = {a.slug: (a.updated_at, a.body_html) for a in Article.objects.all()}
    redirects, images = Redirect.objects.count(), ArticleImage.objects.count()
    fetched = len(QuietHandler.log)

    second = run(export, *allow(image_server))

    assert count(first, "posts imported") == 3
    assert count(second, "posts imported") == 0
    assert count(second, "posts unchanged (imported before)") == 3
    assert count(second, "redirects created") == 0
    assert {a.slug: (a.updated_at, a.body_html) for a in Article.objects.all()} == before
    assert (Redirect.objects.count(), ArticleImage.objects.count()) == (redirects, images)
    assert len(QuietHandler.log) == fetched  # nothing downloaded again


def test_update_refreshes_untouched_articles_and_skips_edited_ones(tmp_path, export, image_server):
    run(export, *allow(image_server))
    edited = Article.objects.get(slug=SEED_SLUG)
    edited.summary = "Written by staff since the import."
    edited.save()
    changed = tmp_path / "changed.xml"
    changed.write_text(
        export.read_text()
        .replace("Not finished yet.", "Finished now.")
        .replace("Many of us can look", "Many of us may look")
    )

    report = run(changed, "--update", *allow(image_server))

    assert Article.objects.get(slug="notes-on-winter-blues").body.strip() == "Finished now."
    assert Article.objects.get(slug=SEED_SLUG).summary == "Written by staff since the import."
    assert "was edited on this site since the import: left as it is" in report
    assert count(report, "posts updated") == 1
    assert count(report, "posts unchanged (imported before)") == 1


def test_a_slug_taken_by_an_article_not_from_the_import_is_skipped_not_merged(export, image_server):
    mine = make_article("Our own article", slug=SEED_SLUG, body="Written here.")

    report = run(export, *allow(image_server))

    mine.refresh_from_db()
    assert mine.body == "Written here."
    assert Article.objects.filter(slug=SEED_SLUG).count() == 1
    assert "is taken by an article not from this import: skipped, not merged" in report
    assert count(report, "posts skipped") == 1


def test_a_dry_run_writes_nothing_and_reports_the_same(export, image_server, settings):
    report = run(export, "--dry-run", *allow(image_server))

    assert report.startswith("Dry run: nothing was saved.")
    assert not Article.objects.exists() and not Redirect.objects.exists()
    assert not Topic.objects.exists() and not ImportedItem.objects.exists()
    assert not ArticleImage.objects.exists()
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*.*"))
    real = run(export, *allow(image_server))
    for label in ("posts imported", "of which drafts", "pages not imported", "images fetched"):
        assert count(report, label) == count(real, label), label
    assert count(report, "redirects created") == count(real, "redirects created")


def test_author_option_credits_posts_to_a_therapist(export, image_server):
    make_therapist("Office Team", slug="office-team")

    run(export, *allow(image_server), "--author", "office@smarttherapy.example=office-team")

    assert Article.objects.get(slug="five-minute-grounding-practices").author.slug == "office-team"


# --- Hostile and broken files -------------------------------------------------------------------


def refused(tmp_path, text, *args):
    path = tmp_path / "hostile.xml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(CommandError) as error:
        run(path, *args)
    assert not Article.objects.exists() and not Redirect.objects.exists()
    message = str(error.value)
    assert "\n" not in message
    return message


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss><channel><item><title>&lol4;</title><wp:post_type xmlns:wp="http://wordpress.org/export/1.2/">post</wp:post_type></item></channel></rss>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&xxe;</title></item></channel></rss>"""


def test_a_billion_laughs_file_is_refused_in_one_line(tmp_path):
    assert "declares XML entities or a DTD" in refused(tmp_path, BILLION_LAUGHS)


def test_an_external_entity_is_refused_in_one_line(tmp_path):
    assert "declares XML entities or a DTD" in refused(tmp_path, EXTERNAL_ENTITY)


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    big = b"<rss><channel>" + b" " * (50 * 1024 * 1024) + b"</channel></rss>"
    assert "50 MB" in refused(tmp_path, big)


def test_a_file_that_is_not_xml_or_not_an_export_is_refused(tmp_path):
    truncated = refused(tmp_path, "<rss><channel><item><title>Half a post</title><description>")
    assert "cannot be read even after repairs" in truncated
    assert "item 1 “Half a post”, line 1" in truncated and "Export the file again" in truncated
    assert "not a WordPress (WXR) export" in refused(tmp_path, "<html><body/></html>")


def test_images_on_127_0_0_1_are_refused_without_allow_host(export, image_server):
    report = run(export)

    article = Article.objects.get(slug="five-minute-grounding-practices")
    assert "is not an allowed host (add it with --allow-host)" in report
    assert count(report, "images fetched") == 0
    assert count(report, "images that could not be fetched") == 3
    assert "<!-- Image not imported" in article.body
    assert not article.hero_image
    assert QuietHandler.log == []  # not even asked


def test_a_private_address_is_refused_even_for_an_allowed_host_name(monkeypatch):
    from core import remote_images

    monkeypatch.setattr(
        remote_images.socket,
        "getaddrinfo",
        lambda *args, **kwargs: [(None, None, None, "", ("10.0.0.5", 443))],
    )
    with pytest.raises(remote_images.FetchError) as error:
        remote_images.fetch_image("https://images.squarespace-cdn.com/content/x.jpg")
    assert "private or local address" in str(error.value)


def test_an_untitled_post_is_imported_as_a_flagged_draft_titled_from_its_first_words(
    tmp_path, export, image_server
):
    untitled = tmp_path / "untitled.xml"
    untitled.write_text(
        export.read_text().replace("<title>Notes on Winter Blues</title>", "<title></title>")
    )

    report = run(untitled, *allow(image_server))

    draft = Article.objects.get(slug="notes-on-winter-blues")
    assert draft.title == "Not finished yet."
    assert draft.status == Article.Status.DRAFT
    assert "Imported without a title" in draft.body and "Imported without" not in draft.body_html
    assert "has no title: imported as a draft titled “Not finished yet.”" in report
    assert count(report, "untitled posts imported as drafts") == 1
    assert Article.objects.count() == 3


# --- The admin ----------------------------------------------------------------------------------


def test_a_superuser_uploads_sees_the_dry_run_report_then_confirms(
    admin_client, export, image_server
):
    url = reverse("admin:articles_article_import")
    with export.open("rb") as file:
        checked = admin_client.post(url, {"file": file, "allow_hosts": image_server})

    page = checked.content.decode()
    assert checked.status_code == 200
    assert "Dry run: nothing was saved." in page
    assert '<th scope="row">Posts imported</th><td>3</td>' in page
    assert '<th scope="row">Pages imported</th><td>1</td>' in page
    assert not Article.objects.exists()

    done = admin_client.post(url, {"confirm": "1", "allow_hosts": image_server})

    assert done.status_code == 200
    assert "Import finished." in done.content.decode()
    assert Article.objects.count() == 3
    to_write = admin_client.get(reverse("admin:articles_article_changelist") + "?hero_alt=to-write")
    assert "Five-Minute Grounding Practices" in to_write.content.decode()
    assert "Notes on Winter Blues" not in to_write.content.decode()


def test_the_import_page_answers_a_hostile_file_with_its_message(admin_client, tmp_path):
    url = reverse("admin:articles_article_import")
    path = tmp_path / "bad.xml"
    path.write_text(BILLION_LAUGHS)
    with path.open("rb") as file:
        response = admin_client.post(url, {"file": file})

    assert response.status_code == 400
    assert "declares XML entities or a DTD" in response.content.decode()


# --- The conversion alone -----------------------------------------------------------------------


def test_line_breaks_inside_a_paragraph_are_kept():
    from articles.importers.wxr import convert

    converted = convert('<p class="" style="x">12 High Street<br>London</p><p>&nbsp;</p>')

    assert converted.markdown == "12 High Street  \nLondon\n"


def test_a_button_link_and_a_last_previous_paragraph_are_dropped_but_a_next_step_stays():
    from articles.importers.wxr import convert

    converted = convert(
        "<p>First.</p><p>Next steps matter, and this paragraph is about them.</p>"
        '<p><a class="sqs-button-element--primary" href="/therapists">Browse Our Therapists</a></p>'
        '<p><a href="/blog/older">Previous: An older post</a></p>'
    )

    assert converted.markdown == "First.\n\nNext steps matter, and this paragraph is about them.\n"
