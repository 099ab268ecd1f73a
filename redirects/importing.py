"""Many redirects at once: Squarespace's "URL Mappings" text, or a CSV (old,new,status).

`plan()` reads the lines and says, for each, what would happen (added, changed, unchanged, or
refused and why) without writing anything; `apply()` writes a plan's additions and changes in one
transaction. A line is refused when it would form a chain or a loop (its target is itself an old
address, here or in the same batch), when it leads off this site, or when it cannot be read.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from redirects.models import MAX_PATH, Redirect, normalise_path, split_address

# Squarespace: "/old-page -> /new-page 301" (the status may be 302; nothing after it counts).
_MAPPING = re.compile(r"^\s*(\S+)\s*->\s*(\S+)(?:\s+(\d{3}))?\s*$")

ADD = "add"
CHANGE = "change"
SAME = "unchanged"
REFUSED = "refused"


@dataclass
class Line:
    number: int
    old: str
    new: str
    status: int = Redirect.Status.MOVED
    action: str = ADD
    reason: str = ""
    notes: list = field(default_factory=list)

    @property
    def refused(self):
        return self.action == REFUSED

    def refuse(self, reason):
        self.action, self.reason = REFUSED, reason


def parse_url_mappings(text):
    """Squarespace's URL Mappings (Settings > Advanced > URL Mappings), one per line."""
    lines = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _MAPPING.match(stripped)
        if match is None:
            line = Line(number, stripped, "")
            line.refuse("not of the form /old-address -> /new-address 301")
        else:
            old, new, status = match.groups()
            line = Line(number, old, new)
            _read_status(line, status or "301")
        lines.append(line)
    return lines


def parse_csv(text):
    """Rows of old,new[,status]; a first row naming the columns is skipped."""
    lines = []
    reader = csv.reader(io.StringIO(text or ""))
    for number, row in enumerate(reader, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if number == 1 and cells[0].lower() in {"old", "old_path", "from", "source"}:
            continue
        old = cells[0]
        new = cells[1] if len(cells) > 1 else ""
        line = Line(number, old, new)
        _read_status(line, cells[2] if len(cells) > 2 and cells[2] else ("301" if new else "410"))
        lines.append(line)
    return lines


def _read_status(line, status):
    if status == "302":
        line.notes.append("302 (temporary) is kept as 301: the old site is gone for good")
        status = "301"
    if status not in {"301", "410"}:
        line.refuse(f"status {status}: use 301 (moved) or 410 (removed on purpose)")
        return
    line.status = int(status)


def plan(lines):
    """Work out what each line would do, against the database and the other lines."""
    readable = [line for line in lines if not line.refused]
    for line in readable:
        _check_addresses(line)
    # Old paths of this batch (without a query), as they stand before any chain is refused.
    batch = {
        split_address(line.old)[0]: line
        for line in readable
        if not line.refused and not split_address(line.old)[1]
    }
    for line in readable:
        if line.refused:
            continue
        target = normalise_path(line.new.partition("?")[0]) if line.new else ""
        onward = batch.get(target) or batch.get(target.rstrip("/")) or batch.get(target + "/")
        if onward is not None and onward is not line:
            looped = split_address(onward.new)[0] == split_address(line.old)[0]
            line.refuse(
                f"a {'loop' if looped else 'chain'}: {line.new} is itself an old address in "
                f"this list (line {onward.number}); lead straight to the final page"
            )
            continue
        _compare_with_database(line)
    return lines


def _check_addresses(line):
    if not line.old.startswith("/"):
        line.refuse("the old address must start with / (the path on the old site)")
    elif "[" in line.old or "*" in line.old:
        line.refuse("patterns ([name], *) are not supported: add one line per address")
    elif len(line.old) > MAX_PATH:
        line.refuse("the old address is too long")
    elif line.status == Redirect.Status.MOVED and not line.new:
        line.refuse("no new address: give one, or status 410 for a page removed on purpose")
    elif line.new and not line.new.startswith("/") or line.new.startswith("//"):
        line.refuse("the new address must be on this site, starting with /")
    elif line.new and split_address(line.new) == split_address(line.old):
        line.refuse("an address cannot lead to itself")


def _compare_with_database(line):
    path, query = split_address(line.old)
    existing = Redirect.objects.filter(old_path=path, query=query).first()
    before = None
    if existing is not None:
        before = (existing.target_path, existing.status, existing.content_type_id)
        was = existing.destination_label()
    candidate = _redirect_for(line, existing)
    try:
        candidate.full_clean(validate_constraints=False)
    except ValidationError as error:
        line.refuse(
            " ".join(message for messages in error.message_dict.values() for message in messages)
        )
        return
    if existing is None:
        line.action = ADD
    elif before == (candidate.target_path, candidate.status, None):
        line.action = SAME
    else:
        line.action = CHANGE
        line.notes.append(f"it now leads to {was}")


def _redirect_for(line, existing, note=""):
    redirect = existing or Redirect(source=Redirect.Source.IMPORT)
    redirect.old_path = line.old
    redirect.query = ""
    redirect.target_path = line.new if line.status == Redirect.Status.MOVED else ""
    redirect.content_type = None
    redirect.object_id = None
    redirect.status = line.status
    if note:
        redirect.note = note
    return redirect


def summary(lines):
    counts = {ADD: 0, CHANGE: 0, SAME: 0, REFUSED: 0}
    for line in lines:
        counts[line.action] += 1
    return counts


def apply(lines, note=None):
    """Write the additions and changes of a planned batch; returns the summary counts."""
    note = note or f"Imported list, {timezone.localdate():%d %B %Y}"
    with transaction.atomic():
        for line in lines:
            if line.action not in {ADD, CHANGE}:
                continue
            path, query = split_address(line.old)
            existing = Redirect.objects.filter(old_path=path, query=query).first()
            redirect = _redirect_for(line, existing, note=note[:200])
            if existing is None:
                redirect.source = Redirect.Source.IMPORT
            redirect.save()
    return summary(lines)
