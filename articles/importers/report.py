"""The import's report: what it did, counted, and the lines staff should check."""

from dataclasses import dataclass, field


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
