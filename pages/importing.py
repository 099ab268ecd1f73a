"""Pages from another site's export (Squarespace, WordPress) become pages here.

The blog importer (articles.importers) hands each page to `import_page`, registered in
core.page_import from PagesConfig.ready(). A page keeps its old address where it is free
(/about → /about/); one whose address is a route of this site (/contact/) goes under
/pages/<slug>/, and the report says so. Drafts stay drafts. Each imported page remembers its
source (ImportedPage), so a second run changes nothing and `update` refreshes only the pages
nobody has edited since. A dry run writes nothing and says the same.
"""

import hashlib
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify

from core import page_import
from pages import addresses
from pages.addresses import page_url
from pages.models import ImportedPage, Page

TITLE_LENGTH = Page._meta.get_field("title").max_length
SUMMARY_LENGTH = Page._meta.get_field("summary").max_length
MOVED_UNDER = "pages"  # where a page goes when this site has a route at its old address


def import_page(page, dry_run):
    """Create or update the page from `page` (core.page_import.ImportedPage): a PageOutcome."""
    record = ImportedPage.objects.filter(source=page.source).select_related("page").first()
    if record is None:
        return _create(page, dry_run)
    kept = record.page
    if kept is None:
        return page_import.PageOutcome(
            page_import.SKIPPED, message="was imported before and its page deleted: skipped"
        )
    outcome = page_import.PageOutcome(page_import.UNCHANGED, kept, kept.get_absolute_url())
    if not page.update:
        return outcome
    if record.fingerprint != fingerprint(kept):
        return page_import.PageOutcome(
            page_import.UNCHANGED,
            kept,
            kept.get_absolute_url(),
            "was edited on this site since the import: left as it is",
        )
    message = _fill(kept, page)
    if fingerprint(kept) == record.fingerprint:
        return outcome
    return _save(kept, page, record, dry_run, page_import.UPDATED, message)


def _create(page, dry_run):
    address, message = _address(page)
    if Page.objects.filter(slug=address).exists():
        return page_import.PageOutcome(
            page_import.SKIPPED,
            message=f"the address /{address}/ is taken by a page not from this import: "
            "skipped, not merged",
        )
    new = Page(slug=address)
    fill_message = _fill(new, page)
    message = "; ".join(line for line in (message, fill_message) if line)
    return _save(new, page, None, dry_run, page_import.IMPORTED, message)


def _save(target, page, record, dry_run, action, message):
    try:
        target.full_clean(exclude=["parent"])
    except ValidationError as error:
        return page_import.PageOutcome(
            page_import.SKIPPED, message=f"not imported: {'; '.join(error.messages)}"
        )
    if dry_run:
        return page_import.PageOutcome(action, None, page_url(target.slug), message)
    with transaction.atomic():
        target.save()
        ImportedPage.objects.update_or_create(
            source=page.source,
            defaults={
                "page": target,
                "fingerprint": fingerprint(target),
                "imported_at": timezone.now(),
            },
        )
    return page_import.PageOutcome(action, target, target.get_absolute_url(), message)


def _fill(target, page):
    """Set the page's words and status from the export; a line for the report, or ""."""
    target.title = Truncator(page.title).chars(TITLE_LENGTH, truncate="…")
    summary = page.summary or page.title
    target.summary = Truncator(summary).chars(SUMMARY_LENGTH, truncate="…")
    target.body = page.body
    target.status = Page.Status.PUBLISHED if page.published else Page.Status.DRAFT
    try:
        target.check_safe_messaging()
    except ValidationError:
        # Published here only once someone has checked it and switched on the support box.
        target.status = Page.Status.DRAFT
        return (
            "mentions suicide or self-harm: imported as a draft; switch on the support box "
            "before publishing it"
        )
    return ""


def _address(page):
    """The page's address here, and a line for the report when it is not its old one."""
    old = page.old_path.strip("/")
    segments = [re.sub(r"\.(html?|php|aspx?)$", "", part, flags=re.I) for part in old.split("/")]
    address = "/".join(_segment(part) for part in segments)
    if not _valid(address):
        address = _segment(page.slug) or _segment(page.title) or "page"
    taken = addresses.route_taking(address)
    if taken is None:
        return address, ""
    slug = address.rsplit("/", 1)[-1]
    moved = f"{MOVED_UNDER}/{slug}"
    return moved, f"{taken} is this site's own page: the page is now at /{moved}/"


def _segment(text):
    """One level of an address ("Our_Rooms" → "our-rooms")."""
    return slugify(text.replace("_", "-"))[:80].strip("-")


def _valid(address):
    try:
        addresses.validate_address(address)
    except ValidationError:
        return False
    return len(address) <= addresses.MAX_LENGTH


def fingerprint(page):
    """What staff could change, as imported: title, address, summary, text, status, kind."""
    values = (page.title, page.slug, page.summary, page.body, page.status, page.kind)
    return hashlib.sha256("\x1f".join(values).encode()).hexdigest()
