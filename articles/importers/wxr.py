"""Bringing a Squarespace blog across: its WordPress (WXR) export becomes articles.

The import runs in stages, each in its own module: `reading` parses the file (or refuses it
with one clear line, WXRError), `converting` turns a post's HTML into Markdown, `images` brings
its images home, `addresses` makes the redirects its old addresses need, and `report` counts
what happened. `Importer.run()` here orchestrates them, for each post: convert, bring images,
create or update the article, add redirects. Pages and attachments are reported, not
imported. A dry run does the same reading and checking, writes nothing (no row, no file) and
gives the same report.

Each imported article remembers where it came from (ImportedItem: the export's site link and
the item's wp:post_id) and what it looked like after the import, so a second run changes
nothing, and `update` refreshes only the articles nobody has edited since.
"""

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify

from articles.importers.addresses import AddressesMixin
from articles.importers.converting import convert, summary_from
from articles.importers.images import ImagesMixin
from articles.importers.reading import MAX_FILE_BYTES, WXRError, parse
from articles.importers.report import Report
from articles.models import Article, ImportedItem, Topic
from therapists.models import Therapist

__all__ = ["MAX_FILE_BYTES", "Importer", "Options", "WXRError", "convert", "parse", "run_import"]

TITLE_LENGTH = Article._meta.get_field("title").max_length
SLUG_LENGTH = Article._meta.get_field("slug").max_length


@dataclass
class Options:
    dry_run: bool = False
    update: bool = False
    allow_hosts: tuple = ()
    authors: dict = field(default_factory=dict)  # email -> therapist slug
    file_name: str = ""


class Importer(ImagesMixin, AddressesMixin):
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


class _Skip(Exception):
    pass


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
