"""Bringing a blog across from Squarespace or WordPress: its WXR export becomes articles.

The import runs in stages, each in its own module: `reading` parses the file (or refuses it
with one clear line, WXRError), `converting` turns a post's HTML into Markdown, `images` brings
its images home, `addresses` makes the redirects its old addresses need, and `report` counts
what happened (`topics` and `live_pages` are the owner's options). `Importer.run()` here
orchestrates them, for each post: convert, bring images, create or update the article, add
redirects. Pages go, converted the same way, to the page importer an app registered
(core.page_import), else they are reported as not imported; attachments are only counted.
An untitled post is imported as a draft, titled from its first words or its date. A dry run
does the same reading and checking, writes nothing (no row, no file) and gives the same report.

Each imported article remembers where it came from (ImportedItem: the export's site link and
the item's wp:post_id) and what it looked like after the import, so a second run changes
nothing, and `update` refreshes only the articles nobody has edited since.
"""

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify

from articles.importers.addresses import OldAddresses
from articles.importers.converting import convert, plain_text, summary_from
from articles.importers.images import ImagesMixin
from articles.importers.live_pages import LivePages
from articles.importers.reading import MAX_FILE_BYTES, WXRError, parse
from articles.importers.report import Report
from articles.importers.topics import Topics
from articles.models import Article, ImportedItem
from core import page_import
from therapists.models import Therapist

__all__ = ["MAX_FILE_BYTES", "Importer", "Options", "WXRError", "convert", "parse", "run_import"]

TITLE_LENGTH = Article._meta.get_field("title").max_length
SLUG_LENGTH = Article._meta.get_field("slug").max_length
# WordPress's statuses that visitors see (a "future" post is scheduled: it is published here at
# its date); draft, pending and private ones come as drafts.
PUBLISHED = {"publish", "future"}
# WordPress's own furniture, counted but not listed one by one.
QUIET_TYPES = {"nav_menu_item", "wp_navigation", "wp_template", "wp_template_part", "wp_block"}
QUIET_TYPES |= {"wp_global_styles", "custom_css", "customize_changeset", "revision", "oembed_cache"}
# A flag for staff in the text of an untitled post (visitors never see it: nh3 removes comments).
UNTITLED_FLAG = (
    "<!-- Imported without a title: this one was made from its first words or date. "
    "Give it a title before publishing. -->\n\n"
)


@dataclass
class Options:
    dry_run: bool = False
    update: bool = False
    allow_hosts: tuple = ()
    authors: dict = field(default_factory=dict)  # email -> therapist slug
    file_name: str = ""
    topics: str = "none"  # categories, tags, both or none
    site: str = ""  # the old site, to read each post's live page for its search text
    # How the report names the way to credit an author: the command's flag, the form's field.
    author_hint: str = "use --author EMAIL=THERAPIST_SLUG"


class Importer(ImagesMixin):
    def __init__(self, export, options):
        self.export = export
        self.options = options
        self.report = Report(dry_run=options.dry_run)
        kind = "Squarespace" if export.squarespace else "WordPress"
        self.report.read_as = f"a {kind} export (WXR {export.version})"
        self.report.notes.append(f"Read as {self.report.read_as}.")
        if export.repairs:
            self.report.notes.append(export.repairs.sentence())
        self.today = timezone.localdate()
        self.note = f"{kind} import {self.today:%Y-%m-%d}" + (
            f" ({options.file_name})" if options.file_name else ""
        )
        self.attachments = {
            item.post_id: item for item in export.items if item.post_type == "attachment"
        }
        self.fetched = {}  # url -> ArticleImage id (or a stand-in in a dry run) or FetchError
        self.topics = Topics(export, self.report, options.topics, options.dry_run)
        self.addresses = OldAddresses(export, self.report, options.dry_run, self.note)
        self.live = (
            LivePages(options.site, options.allow_hosts, self.report) if options.site else None
        )

    def run(self):
        pages = []
        for item in self.export.items:
            if item.post_type == "attachment":
                self.report.attachments += 1
            elif item.post_type == "page":
                pages.append(item)
            elif item.post_type != "post":
                self.report.others += 1  # menus, reusable blocks, a plug-in's own types
                if item.post_type not in QUIET_TYPES:
                    self.report.problem(
                        item, f"a {item.post_type} ({item.link or 'no address'}) is not imported"
                    )
            else:
                self._post(item)
        self.addresses.blog(self.topics.redirected())
        for item in pages:
            self._page(item)
        return self.report

    # Posts.

    def _post(self, item):
        source = self._source(item)
        record = ImportedItem.objects.filter(source=source).select_related("article").first()
        if record is not None and record.article is None:
            self.report.skipped += 1
            self.report.problem(item, "was imported before and its article deleted: skipped")
            return
        if record is not None and not self.options.update:
            self.report.unchanged += 1
            self._count_draft(item)
            self._add_topics(item, record.article)
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

    def _source(self, item):
        return f"{self.export.site_link}#{item.post_id or item.link}"[:500]

    def _count_draft(self, item):
        if item.status not in PUBLISHED or not item.title:
            self.report.drafts += 1

    def _title(self, item):
        """The post's title; for an untitled post, its first words or its date."""
        if item.title:
            return Truncator(item.title).chars(TITLE_LENGTH, truncate="…")
        words = plain_text(item.content).split()
        if words:
            first = re.split(r"(?<=[.!?])\s", " ".join(words[:12]), maxsplit=1)[0]
            return Truncator(first).chars(TITLE_LENGTH, truncate="…")
        moment = item.date_local or item.date_gmt
        when = f"{moment:%-d %B %Y}" if moment else f"number {item.post_id or item.number}"
        return f"Untitled post of {when}" if moment else f"Untitled post {when}"

    def _slug(self, item):
        name = unquote(item.post_name or "").strip("/")
        name = name.rsplit("/", 1)[-1]
        name = re.sub(r"\.html?$", "", name, flags=re.IGNORECASE)
        return (
            slugify(name)[:SLUG_LENGTH].strip("-")
            or slugify(self._title(item))[:SLUG_LENGTH].strip("-")
            or f"post-{item.post_id or item.number}"
        )

    def _save_post(self, item, source, record, slug):
        converted = convert(item.content)
        body = self._body_with_images(item, converted)
        article = record.article if record is not None else Article()
        article.title = self._title(item)
        article.slug = slug
        article.summary = summary_from(item.excerpt, converted.first_paragraph) or article.title
        published = item.status in PUBLISHED and bool(item.title)
        if not item.title:
            body = UNTITLED_FLAG + body
        article.body = body
        article.status = Article.Status.PUBLISHED if published else Article.Status.DRAFT
        article.publish_at = item.date_gmt or timezone.now()
        if published and article.publish_at <= timezone.now():
            # Visitors read it on the old site from that day: it is not new here.
            article.first_published_at = article.publish_at
        article.author = self._author(item)
        if record is not None and fingerprint(article) == record.fingerprint:
            self.report.unchanged += 1
            self._count_draft(item)
            self._add_topics(item, article)
            return
        if not item.title:
            self.report.untitled += 1
            self.report.problem(
                item,
                f"has no title: imported as a draft titled “{article.title}”; give it a "
                "title before publishing",
            )
        hero = None if article.hero_image else self._hero(item)
        description, social_image = self.live.read(item) if self.live else ("", "")
        if description and not article.seo_description:
            article.seo_description = Truncator(description).chars(160, truncate="…")
        if hero is None and social_image and not article.hero_image:
            hero = self._social_hero(item, social_image, article.title)
        topics = self.topics.for_item(item)
        if self.options.dry_run:
            self._count_saved(item, record)
            self._old_addresses(item, None, slug)
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
        article.topics.set(topics)
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

    def _add_topics(self, item, article):
        """Topics chosen on a later run join an article imported before."""
        topics = self.topics.for_item(item)
        if topics and not self.options.dry_run:
            article.topics.add(*topics)

    def _old_addresses(self, item, article, slug=None):
        slug = article.slug if article is not None else slug
        new_path = (
            article.get_absolute_url()
            if article is not None
            else reverse("articles:detail", kwargs={"slug": slug})
        )
        addresses = self.addresses.of_item(item, {slug, self._slug(item)})
        self.addresses.point(item, addresses, article, new_path)

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
                self.report.problem(item, f"author {email}={slug}: no therapist has that slug")
            return therapist
        name = self.export.authors.get(email, "")
        therapist = Therapist.objects.filter(name__iexact=name).first() if name else None
        if therapist is None and email:
            self.report.problem(
                item,
                f"no therapist for its author {email}"
                + (f" ({name})" if name else "")
                + f": imported without an author ({self.options.author_hint})",
            )
        return therapist

    # Pages.

    def _page(self, item):
        import_page = page_import.registered()
        if import_page is None:
            self.report.pages += 1
            self.report.problem(item, f"a page ({item.link or 'no address'}) is not imported")
            return
        converted = convert(item.content)
        old = urlsplit(item.link).path.rstrip("/") if item.link else ""
        old = "" if old == "/null" else old
        page = page_import.ImportedPage(
            source=self._source(item),
            title=self._title(item),
            old_path=old,
            slug=old.rsplit("/", 1)[-1] or self._slug(item),
            published=item.status in PUBLISHED and bool(item.title),
            body=self._body_with_images(item, converted),
            summary=summary_from(item.excerpt, converted.first_paragraph),
            date=item.date_gmt,
            update=self.options.update,
        )
        outcome = import_page(page, dry_run=self.options.dry_run)
        if outcome.message:
            self.report.problem(item, outcome.message)
        if outcome.action == page_import.SKIPPED:
            self.report.pages += 1
            return
        if outcome.action in (page_import.IMPORTED, page_import.UPDATED):
            self.report.pages_imported += 1
        addresses = self.addresses.of_item(item, set(), page=True)
        self.addresses.point(item, addresses, outcome.target, outcome.new_path or old)


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
