"""The import's report: what it did, counted, and the lines staff should check."""

from dataclasses import dataclass, field

from articles.importers.addresses import KINDS


@dataclass
class Report:
    dry_run: bool = False
    read_as: str = ""  # "a WordPress export (WXR 1.1)"
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    drafts: int = 0
    untitled: int = 0
    skipped: int = 0
    pages_imported: int = 0
    pages: int = 0  # not imported
    attachments: int = 0
    others: int = 0  # menus, blocks, other types
    images_fetched: int = 0
    images_failed: int = 0
    alt_to_write: int = 0
    topics_created: int = 0
    live_pages_read: int = 0
    redirects: dict = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    redirect_clashes: int = 0
    notes: list = field(default_factory=list)  # what the file held, before the counts
    lines: list = field(default_factory=list)

    def problem(self, item, message):
        if item is None:
            self.lines.append(message)
            return
        where = f"item {item.number}" + (f" “{item.title}”" if item.title else "")
        self.lines.append(f"{where}: {message}")

    def redirect_made(self, kind):
        self.redirects[kind] += 1

    def redirect_clash(self, item, message):
        self.redirect_clashes += 1
        self.problem(item, message)

    @property
    def redirects_created(self):
        return sum(self.redirects.values())

    def counts(self):
        return [
            ("posts imported", self.imported),
            ("posts updated", self.updated),
            ("posts unchanged (imported before)", self.unchanged),
            ("of which drafts", self.drafts),
            ("untitled posts imported as drafts", self.untitled),
            ("posts skipped", self.skipped),
            ("pages imported", self.pages_imported),
            ("pages not imported", self.pages),
            ("attachments (images only)", self.attachments),
            ("other items not imported (menus, blocks...)", self.others),
            ("images fetched", self.images_fetched),
            ("images that could not be fetched", self.images_failed),
            ("image descriptions to write", self.alt_to_write),
            ("topics created", self.topics_created),
            ("live pages read for their search text", self.live_pages_read),
            ("redirects created", self.redirects_created),
            *[(f"redirects: {kind}", count) for kind, count in self.redirects.items() if count],
            ("old addresses left as they were (they lead elsewhere)", self.redirect_clashes),
        ]

    @property
    def heading(self):
        return "Dry run: nothing was saved." if self.dry_run else "Import finished."

    def as_text(self):
        out = [self.heading]
        out += self.notes
        out += [f"  {label}: {count}" for label, count in self.counts()]
        if self.lines:
            out.append("Lines to check:")
            out += [f"  - {line}" for line in self.lines]
        return "\n".join(out)
