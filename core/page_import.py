"""Pages brought from another site: the blog importer hands them to whichever app keeps pages.

The importer (articles.importers) reads posts and pages from an export; posts become articles,
and pages go to the one callable an app registers here from its `AppConfig.ready()`:

    page_import.register(import_page)

`import_page(page: ImportedPage, dry_run: bool) -> PageOutcome` creates or updates the page
(drafts stay drafts; a second call with the same `source` changes nothing; in a dry run it
writes nothing) and says what it did. The importer then makes the redirects from the page's old
addresses to `PageOutcome.target`, and reports `PageOutcome.message` if any. With no callable
registered, pages are reported as not imported.
"""

from dataclasses import dataclass
from datetime import datetime

IMPORTED = "imported"
UPDATED = "updated"
UNCHANGED = "unchanged"
SKIPPED = "skipped"

_importer = None


@dataclass(frozen=True)
class ImportedPage:
    source: str  # the export's site and the item's id: the same page on every run
    title: str
    old_path: str  # "/about" or "/services/couples" ("" when the export gives none)
    slug: str  # the last segment of old_path, or one made from the title
    published: bool
    body: str  # Markdown, its images already in this site's library
    summary: str
    date: datetime | None
    update: bool  # refresh a page imported before, unless edited since


@dataclass(frozen=True)
class PageOutcome:
    action: str  # IMPORTED, UPDATED, UNCHANGED or SKIPPED
    target: object = None  # the page (a registered content model); None in a dry run
    new_path: str = ""  # its address here, e.g. "/about/" or "/pages/contact/"
    message: str = ""  # a line for the report, e.g. "/contact/ is this site's: now /pages/contact/"


def register(callable_):
    """The app that keeps pages calls this once, from its AppConfig.ready()."""
    global _importer
    _importer = callable_


def unregister():
    global _importer
    _importer = None


def registered():
    """The registered page importer, or None."""
    return _importer
