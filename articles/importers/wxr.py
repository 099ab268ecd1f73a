"""Bringing a Squarespace blog across: its WordPress (WXR 1.2) export becomes articles.

`parse()` reads the file with defusedxml (no DTD, so no entity expansion and no external
entities) and refuses anything else with one clear line (WXRError). `Importer.run()` then, for
each post: converts its HTML to Markdown (`convert()`: Squarespace's wrappers, duplicates,
buttons, sign-up forms and "Next" blocks are dropped first), brings its images home through the
image library (only from allowed hosts, see core.remote_images), creates or updates the
article, and adds the redirects its old addresses need. Pages and attachments are reported, not
imported. A dry run does the same reading and checking, writes nothing (no row, no file) and
gives the same report.

Each imported article remembers where it came from (ImportedItem: the export's site link and
the item's wp:post_id) and what it looked like after the import, so a second run changes
nothing, and `update` refreshes only the articles nobody has edited since.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import quote_plus, unquote, urlsplit
from xml.etree.ElementTree import ParseError

from bs4 import BeautifulSoup, Comment
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify

from articles.models import Article, ArticleImage, ImportedItem, Topic, alt_is_a_file_name
from core import html_markdown
from core.remote_images import FetchError, fetch_image
from redirects.models import (
    MAX_PATH,
    MAX_QUERY,
    Redirect,
    normalise_path,
    split_address,
)
from therapists.models import Therapist

MAX_FILE_BYTES = 20 * 1024 * 1024
SUMMARY_LENGTH = Article._meta.get_field("summary").max_length
TITLE_LENGTH = Article._meta.get_field("title").max_length
SLUG_LENGTH = Article._meta.get_field("slug").max_length

NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "wp": "http://wordpress.org/export/1.2/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


class WXRError(Exception):
    """The file cannot be imported at all; the message is one line, for a person."""


# --- Reading the file ---------------------------------------------------------------------------


@dataclass
class Item:
    number: int  # its position in the file, for the report
    post_id: str
    post_type: str
    status: str
    title: str
    link: str
    post_name: str
    content: str
    excerpt: str
    date_gmt: datetime | None
    date_local: datetime | None
    creator: str
    categories: list  # (domain, nicename, name)
    thumbnail_id: str = ""
    attachment_url: str = ""


@dataclass
class Export:
    site_link: str
    authors: dict  # email -> display name
    items: list


def parse(data):
    """The export in `data` (bytes), or WXRError."""
    if len(data) > MAX_FILE_BYTES:
        raise WXRError(
            f"The file is {len(data) / 2**20:.0f} MB; an export larger than "
            f"{MAX_FILE_BYTES // 2**20} MB is refused (a blog's export is usually far smaller)."
        )
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise WXRError(
            f"The file declares XML entities or a DTD ({error.__class__.__name__}); a "
            "Squarespace export never does, so it was refused."
        ) from None
    except (ParseError, ValueError) as error:
        raise WXRError(f"The file is not well-formed XML ({error}).") from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WXRError("This is not a WordPress (WXR) export: it has no <rss><channel>.")
    site_link = _text(channel, "link") or _text(channel, "wp:base_blog_url") or "(no site link)"
    authors = {}
    for author in channel.findall("wp:author", NS):
        email = _text(author, "wp:author_email") or _text(author, "wp:author_login")
        if email:
            authors[email.lower()] = _text(author, "wp:author_display_name")
    items = [_item(number, element) for number, element in enumerate(channel.iter("item"), 1)]
    return Export(site_link=site_link.rstrip("/"), authors=authors, items=items)


def _text(element, path):
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _item(number, element):
    thumbnail_id = ""
    for meta in element.findall("wp:postmeta", NS):
        if _text(meta, "wp:meta_key") == "_thumbnail_id":
            thumbnail_id = _text(meta, "wp:meta_value")
    categories = [
        (category.get("domain", "category"), category.get("nicename", ""), category.text or "")
        for category in element.findall("category")
    ]
    return Item(
        number=number,
        post_id=_text(element, "wp:post_id"),
        post_type=_text(element, "wp:post_type") or "post",
        status=_text(element, "wp:status"),
        title=_text(element, "title"),
        link=_text(element, "link"),
        post_name=_text(element, "wp:post_name"),
        content=_raw(element, "content:encoded"),
        excerpt=_raw(element, "excerpt:encoded"),
        date_gmt=_wp_date(_text(element, "wp:post_date_gmt"), UTC)
        or _rfc822(_text(element, "pubDate")),
        date_local=_wp_date(_text(element, "wp:post_date"), None),
        creator=_text(element, "dc:creator").lower(),
        categories=[(d, n.strip(), t.strip()) for d, n, t in categories if t.strip()],
        thumbnail_id=thumbnail_id,
        attachment_url=_text(element, "wp:attachment_url"),
    )


def _raw(element, path):
    found = element.find(path, NS)
    return found.text or "" if found is not None else ""


def _wp_date(value, tz):
    if not value or value.startswith("0000"):
        return None
    try:
        moment = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return moment.replace(tzinfo=tz) if tz else moment


def _rfc822(value):
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None


# --- HTML to Markdown ---------------------------------------------------------------------------

# Squarespace blocks that are the old site's furniture, not the article (by exact class).
_DROPPED_BLOCKS = {
    "spacer-block",
    "newsletter-block",
    "button-block",
    "form-block",
    "sqs-block-button",
    "sqs-block-newsletter",
    "sqs-block-spacer",
    "sqs-block-form",
    "summary-block",
    "social-block",
    "sqs-block-socialaccountlinks-v2",
}
# The outermost wrapper of an image block, first (its caption is inside it).
_IMAGE_BLOCKS = ("image-block", "sqs-block-image", "image-block-outer-wrapper")
# "Next: A title", "Previous", "Next post" (not "Next steps matter...").
_NEXT_PREVIOUS = re.compile(
    r"^\s*(next|previous)(\s*[:\-–—»›|]|\s*$|\s+(post|article)\b)", re.IGNORECASE
)
# Where an image stood, while the rest is converted (letters only: Markdown leaves them be).
_IMAGE_MARK = "WXRIMAGE{}MARK"


@dataclass
class FoundImage:
    url: str
    alt: str
    caption: str


@dataclass
class Converted:
    markdown: str
    images: list  # FoundImage, in the order their tokens appear
    first_paragraph: str


def convert(html):
    """Squarespace's HTML as clean Markdown, and the images it shows."""
    soup = BeautifulSoup(html or "", "html.parser")
    for element in soup.find_all(["noscript", "script", "style", "form", "iframe", "button"]):
        element.decompose()
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    for block in soup.find_all(class_=lambda name: name in _DROPPED_BLOCKS):
        if not block.decomposed:
            block.decompose()
    # Buttons outside a button block: a link styled as a button ("Browse Our Therapists").
    for link in soup.find_all("a", class_=re.compile(r"button", re.IGNORECASE)):
        link.decompose()
    images = _replace_images(soup)
    _drop_trailing_next(soup)
    for paragraph in soup.find_all(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"]):
        if not paragraph.get_text(strip=True).replace("\xa0", "") and not paragraph.find("img"):
            paragraph.decompose()
    first = soup.find("p")
    first_paragraph = " ".join(first.get_text(" ").split()) if first else ""
    # Images were replaced by tokens before; any left (without an address) is dropped.
    markdown = html_markdown.to_markdown(soup) or "\n"
    return Converted(markdown=markdown, images=images, first_paragraph=first_paragraph)


def _replace_images(soup):
    """Each image (its block, or its <figure>) becomes a paragraph holding a token."""
    images = []
    for image in soup.find_all("img"):
        if image.parent is None or image.decomposed:
            continue
        url = image.get("data-src") or image.get("data-image") or image.get("src") or ""
        if not url or url.startswith("data:"):
            image.decompose()
            continue
        block = next(
            (found for name in _IMAGE_BLOCKS if (found := image.find_parent(class_=name))),
            None,
        ) or image.find_parent("figure")
        caption_element = (block or image.parent).find(["figcaption"]) or (
            block or image.parent
        ).find(class_=re.compile(r"image-caption"))
        caption = " ".join(caption_element.get_text(" ").split()) if caption_element else ""
        token = _IMAGE_MARK.format(len(images))
        images.append(FoundImage(url=url, alt=(image.get("alt") or "").strip(), caption=caption))
        paragraph = soup.new_tag("p")
        paragraph.string = token
        (block or image).replace_with(paragraph)
    return images


def _drop_trailing_next(soup):
    """Links to the old site's neighbouring posts go: Squarespace's item pagination ("Next",
    "Previous" and a title), and a last paragraph reading "Next: ..." or "Previous: ..."."""
    for element in soup.find_all(["nav"]) + soup.find_all(class_=re.compile("pagination")):
        if not element.decomposed:
            element.decompose()
    for _ in range(2):
        blocks = [
            element
            for element in soup.find_all(["p", "h2", "h3", "h4", "h5", "h6", "div", "a"])
            if element.get_text(strip=True)
        ]
        if not blocks:
            return
        last = blocks[-1]
        text = last.get_text(" ", strip=True)
        if not _NEXT_PREVIOUS.match(text) or len(text) > 200:
            return
        while last.parent is not None and last.parent.get_text(strip=True) == last.get_text(
            strip=True
        ):
            last = last.parent
            if last.name == "[document]":
                return
        last.decompose()


def plain_text(html):
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split())


def summary_from(excerpt_html, first_paragraph):
    text = plain_text(excerpt_html) or first_paragraph
    return Truncator(text).chars(SUMMARY_LENGTH, truncate="…")


# --- The report ---------------------------------------------------------------------------------


@dataclass
class Report:
    dry_run: bool = False
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    drafts: int = 0
    skipped: int = 0
    pages: int = 0
    attachments: int = 0
    images_fetched: int = 0
    images_failed: int = 0
    alt_to_write: int = 0
    redirects_created: int = 0
    lines: list = field(default_factory=list)

    def problem(self, item, message):
        where = f"item {item.number}" + (f" “{item.title}”" if item and item.title else "")
        self.lines.append(f"{where}: {message}" if item else message)

    def counts(self):
        return [
            ("posts imported", self.imported),
            ("posts updated", self.updated),
            ("posts unchanged (imported before)", self.unchanged),
            ("of which drafts", self.drafts),
            ("posts skipped", self.skipped),
            ("pages not imported", self.pages),
            ("attachments (images only)", self.attachments),
            ("images fetched", self.images_fetched),
            ("images that could not be fetched", self.images_failed),
            ("image descriptions to write", self.alt_to_write),
            ("redirects created", self.redirects_created),
        ]

    @property
    def heading(self):
        return "Dry run: nothing was saved." if self.dry_run else "Import finished."

    def as_text(self):
        out = [self.heading]
        out += [f"  {label}: {count}" for label, count in self.counts()]
        if self.lines:
            out.append("Lines to check:")
            out += [f"  - {line}" for line in self.lines]
        return "\n".join(out)


# --- The import ---------------------------------------------------------------------------------


@dataclass
class Options:
    dry_run: bool = False
    update: bool = False
    allow_hosts: tuple = ()
    authors: dict = field(default_factory=dict)  # email -> therapist slug
    file_name: str = ""


class Importer:
    def __init__(self, export, options):
        self.export = export
        self.options = options
        self.report = Report(dry_run=options.dry_run)
        self.today = timezone.localdate()
        self.note = f"Squarespace import {self.today:%Y-%m-%d}" + (
            f" ({options.file_name})" if options.file_name else ""
        )
        self.attachments = {
            item.post_id: item for item in export.items if item.post_type == "attachment"
        }
        self.fetched = {}  # url -> ArticleImage id (or a stand-in in a dry run) or FetchError
        self.topics = {}  # slug -> Topic
        self.categories = {}  # slug -> name, of every post seen
        self.blog_roots = set()

    def run(self):
        for item in self.export.items:
            if item.post_type == "attachment":
                self.report.attachments += 1
            elif item.post_type != "post":
                self.report.pages += 1
                self.report.problem(
                    item, f"a {item.post_type} ({item.link or 'no address'}) is not imported"
                )
            else:
                self._post(item)
        self._blog_redirects()
        return self.report

    # Posts.

    def _post(self, item):
        for _domain, nicename, name in item.categories:
            slug = slugify(nicename or name)[:80] or slugify(name)[:80]
            if slug:
                self.categories.setdefault(slug, name)
        if not item.title:
            self.report.skipped += 1
            self.report.problem(item, "has no title: skipped (give it one on the old site)")
            return
        source = f"{self.export.site_link}#{item.post_id or item.link}"[:500]
        record = ImportedItem.objects.filter(source=source).select_related("article").first()
        if record is not None and record.article is None:
            self.report.skipped += 1
            self.report.problem(item, "was imported before and its article deleted: skipped")
            return
        if record is not None and not self.options.update:
            self.report.unchanged += 1
            self._count_draft(item)
            if self.options.dry_run:
                self._count_redirects(item, record.article)
            else:
                self._old_addresses(item, record.article)  # any deleted since come back
            return
        if record is not None and record.fingerprint != fingerprint(record.article):
            self.report.skipped += 1
            self.report.problem(item, "was edited on this site since the import: left as it is")
            return
        slug = self._slug(item)
        taken = Article.objects.filter(slug=slug)
        if record is not None:
            taken = taken.exclude(pk=record.article_id)
        if taken.exists():
            self.report.skipped += 1
            self.report.problem(
                item,
                f"the address /articles/{slug}/ is taken by an article not from this "
                "import: skipped, not merged",
            )
            return
        try:
            with transaction.atomic():
                self._save_post(item, source, record, slug)
        except _Skip as skip:
            self.report.skipped += 1
            self.report.problem(item, str(skip))

    def _count_draft(self, item):
        if item.status != "publish":
            self.report.drafts += 1

    def _slug(self, item):
        name = unquote(item.post_name or "").strip("/")
        name = name.rsplit("/", 1)[-1]
        name = re.sub(r"\.html?$", "", name, flags=re.IGNORECASE)
        return slugify(name)[:SLUG_LENGTH].strip("-") or slugify(item.title)[:SLUG_LENGTH]

    def _save_post(self, item, source, record, slug):
        converted = convert(item.content)
        body = self._body_with_images(item, converted)
        article = record.article if record is not None else Article()
        article.title = Truncator(item.title).chars(TITLE_LENGTH, truncate="…")
        article.slug = slug
        article.summary = summary_from(item.excerpt, converted.first_paragraph) or article.title
        article.body = body
        published = item.status == "publish"
        article.status = Article.Status.PUBLISHED if published else Article.Status.DRAFT
        article.publish_at = item.date_gmt or timezone.now()
        if published and article.publish_at <= timezone.now():
            # Visitors read it on the old site from that day: it is not new here.
            article.first_published_at = article.publish_at
        article.author = self._author(item)
        if record is not None and fingerprint(article) == record.fingerprint:
            self.report.unchanged += 1
            self._count_draft(item)
            return
        hero = None if article.hero_image else self._hero(item)
        if self.options.dry_run:
            self._count_saved(item, record)
            self._count_redirects(item, None)
            return
        if hero is not None:
            content, alt = hero
            article.hero_image = content
            article.hero_image_alt = alt
        try:
            article.full_clean(exclude=["hero_image", "author", "slug"])
        except ValidationError as error:
            raise _Skip(f"not imported: {'; '.join(error.messages)}") from None
        article.save()
        article.topics.set(self._topics(item))
        ImportedItem.objects.update_or_create(
            source=source,
            defaults={
                "article": article,
                "fingerprint": fingerprint(article),
                "imported_at": timezone.now(),
            },
        )
        self._count_saved(item, record)
        self._old_addresses(item, article)

    def _count_saved(self, item, record):
        if record is None:
            self.report.imported += 1
        else:
            self.report.updated += 1
        self._count_draft(item)

    def _author(self, item):
        email = item.creator
        slug = self.options.authors.get(email)
        if slug:
            therapist = Therapist.objects.filter(slug=slug).first()
            if therapist is None:
                self.report.problem(item, f"--author {email}={slug}: no therapist has that slug")
            return therapist
        name = self.export.authors.get(email, "")
        therapist = Therapist.objects.filter(name__iexact=name).first() if name else None
        if therapist is None and email:
            self.report.problem(
                item,
                f"no therapist for its author {email}"
                + (f" ({name})" if name else "")
                + ": imported without an author (use --author EMAIL=THERAPIST_SLUG)",
            )
        return therapist

    def _topics(self, item):
        topics = []
        for _domain, nicename, name in item.categories:
            slug = slugify(nicename or name)[:80] or slugify(name)[:80]
            if not slug:
                continue
            topic = self.topics.get(slug)
            if topic is None:
                topic = (
                    Topic.objects.filter(slug=slug).first()
                    or Topic.objects.filter(name__iexact=name).first()
                    or Topic.objects.create(name=name[:80], slug=slug)
                )
                self.topics[slug] = topic
            topics.append(topic)
        return topics

    # Images.

    def _body_with_images(self, item, converted):
        body = converted.markdown
        for index, found in enumerate(converted.images):
            image = self._library_image(item, found.url, found.alt, found.caption)
            if isinstance(image, FetchError):
                caption = f", caption: {found.caption}" if found.caption else ""
                note = (
                    f"Image not imported ({image}): {found.url} (description: "
                    f"{found.alt or 'none'}{caption}). Add it under Images for articles."
                )
                # A note for staff in the text; visitors never see comments (nh3 removes them).
                text = "<!-- " + note.replace("--", "- -") + " -->"
            else:
                alt = found.alt or (image.alt if image else "")
                alt = alt.replace("[", "(").replace("]", ")")
                text = f"![{alt}](image:{image.pk if image else 0})"
            body = body.replace(_IMAGE_MARK.format(index), text)
        return body

    def _library_image(self, item, url, alt, caption):
        """The library image for `url` (fetched once), or the FetchError why not."""
        url = _absolute(url, self.export.site_link)
        if url in self.fetched:
            return self.fetched[url]
        existing = ArticleImage.objects.filter(source_url=url[:1000]).first()
        if existing is not None:
            self.fetched[url] = existing
            return existing
        result = self._fetch(item, url)
        if isinstance(result, FetchError):
            self.fetched[url] = result
            return result
        alt = alt or result.name
        if alt_is_a_file_name(alt):
            self.report.alt_to_write += 1
            self.report.problem(
                item, f"image {result.name}: its description is a file name; write one"
            )
        if self.options.dry_run:
            self.fetched[url] = None
            return None
        image = ArticleImage(alt=alt[:250], caption=caption[:300], source_url=url[:1000])
        image.image.save(result.name, ContentFile(result.content), save=False)
        image.save()
        self.fetched[url] = image
        return image

    def _fetch(self, item, url):
        try:
            result = fetch_image(url, extra_hosts=self.options.allow_hosts)
        except FetchError as error:
            self.report.images_failed += 1
            self.report.problem(item, f"image {url} not imported: {error}")
            return error
        self.report.images_fetched += 1
        return result

    def _hero(self, item):
        """(file, alt) for the post's thumbnail attachment, or None."""
        attachment = self.attachments.get(item.thumbnail_id) if item.thumbnail_id else None
        if attachment is None or not attachment.attachment_url:
            return None
        url = _absolute(attachment.attachment_url, self.export.site_link)
        result = self._fetch(item, url)
        if isinstance(result, FetchError):
            return None
        alt = plain_text(attachment.excerpt) or attachment.title or result.name
        if alt_is_a_file_name(alt):
            self.report.alt_to_write += 1
            self.report.problem(
                item, f"hero image {result.name}: its description is a file name; write one"
            )
        return ContentFile(result.content, name=result.name), alt[:200]

    # Redirects.

    def _old_paths(self, item, article_slug):
        paths = []
        link_path = urlsplit(item.link).path if item.link else ""
        if link_path and link_path not in {"/null", "/"}:
            paths.append(link_path)
        segments = [segment for segment in link_path.split("/") if segment]
        root = segments[0] if len(segments) > 1 else "blog"  # a draft's link may be /null
        self.blog_roots.add(root)
        name = self._slug(item)
        slugs = {name, article_slug}
        raw_name = unquote(item.post_name or "").strip("/").rsplit("/", 1)[-1]
        if raw_name:
            slugs.add(re.sub(r"\.html?$", "", raw_name, flags=re.IGNORECASE))
        for slug in slugs:
            paths += [f"/{root}/{slug}", f"/{root}/{slug}.html"]
            moment = item.date_local or item.date_gmt
            if moment is not None:
                y, m, d = moment.year, moment.month, moment.day
                paths += [f"/{root}/{y}/{m}/{d}/{slug}", f"/{root}/{y}/{m:02d}/{d:02d}/{slug}"]
        unique = []
        for path in paths:
            path = normalise_path(path).rstrip("/") or "/"
            if path not in unique and len(path) < MAX_PATH:
                unique.append(path)
        return unique

    def _count_redirects(self, item, article):
        slug = article.slug if article is not None else self._slug(item)
        for path in self._old_paths(item, slug):
            if not Redirect.objects.filter(old_path__in=[path, path + "/"], query="").exists():
                self.report.redirects_created += 1

    def _old_addresses(self, item, article):
        """Every old address of the post answers 301 to the article (any query dropped)."""
        content_type = ContentType.objects.get_for_model(Article)
        new_path = normalise_path(article.get_absolute_url())
        for path in self._old_paths(item, article.slug):
            if path in {new_path, new_path.rstrip("/")}:
                continue
            existing = Redirect.objects.filter(old_path__in=[path, path + "/"], query="").first()
            if existing is not None:
                if existing.source != Redirect.Source.IMPORT:
                    self.report.problem(
                        item, f"{path} already has a redirect ({existing.source}): left as it is"
                    )
                elif (
                    existing.content_type_id != content_type.pk or existing.object_id != article.pk
                ):
                    existing.content_type, existing.object_id = content_type, article.pk
                    existing.target_path = ""
                    existing.save()
                continue
            Redirect.objects.create(
                old_path=path,
                content_type=content_type,
                object_id=article.pk,
                status=Redirect.Status.MOVED,
                keep_query_string=False,
                source=Redirect.Source.IMPORT,
                note=self.note[:200],
            )
            self.report.redirects_created += 1

    def _blog_redirects(self):
        """The blog's own addresses: its list, its feed, its categories and tags."""
        roots = self.blog_roots or {"blog"}
        wanted = []  # (old address with any query, target path or object)
        for root in sorted(roots):
            wanted.append((f"/{root}", reverse("articles:list")))
            wanted.append((f"/{root}?format=rss", reverse("articles:feed")))
            for slug, category in self.categories.items():
                topic = self.topics.get(slug) or Topic.objects.filter(slug=slug).first()
                if topic is None and not self.options.dry_run:
                    continue  # its posts were all skipped
                names = {slug, category.lower(), quote_plus(category.lower())}
                for name in names:
                    wanted.append((f"/{root}/category/{name}", topic))
                    wanted.append((f"/{root}/tag/{name}", topic))
                    wanted.append((f"/{root}?category={quote_plus(name)}", topic))
                    wanted.append((f"/{root}?tag={quote_plus(name)}", topic))
        topic_type = ContentType.objects.get_for_model(Topic)
        seen = set()
        for address, target in wanted:
            path, query = split_address(address)
            if (path, query) in seen or len(path) >= MAX_PATH or len(query) > MAX_QUERY:
                continue
            seen.add((path, query))
            if Redirect.objects.filter(old_path=path, query=query).exists():
                continue
            self.report.redirects_created += 1
            if self.options.dry_run:
                continue
            fields = (
                {"target_path": target}
                if isinstance(target, str)
                else {
                    "content_type": topic_type,
                    "object_id": target.pk,
                }
            )
            Redirect.objects.create(
                old_path=path,
                query=query,
                status=Redirect.Status.MOVED,
                keep_query_string=not query and isinstance(target, str),
                source=Redirect.Source.IMPORT,
                note=self.note[:200],
                **fields,
            )


class _Skip(Exception):
    pass


def _absolute(url, site_link):
    if url.startswith("//"):
        return "https:" + url
    if url.startswith("/") and site_link.startswith("http"):
        return site_link + url
    return url


def fingerprint_values(article):
    """What staff could change, as imported: title, address, summary, text, status, date,
    author."""
    values = (
        article.title,
        article.slug,
        article.summary,
        article.body,
        article.status,
        article.publish_at.isoformat() if article.publish_at else "",
        article.author_id or "",
    )
    return "\x1f".join(str(value) for value in values)


def fingerprint(article):
    return hashlib.sha256(fingerprint_values(article).encode()).hexdigest()


def run_import(data, options):
    """Parse and import `data`; the Report (WXRError if the file cannot be read at all)."""
    export = parse(data)
    importer = Importer(export, options)
    if options.dry_run:
        return importer.run()
    with transaction.atomic():
        return importer.run()
