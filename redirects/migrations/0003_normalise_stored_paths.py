"""Stored paths in the form redirects.paths now gives them (issue 29, issue 22 item 5).

Redirects: old addresses percent-decoded once and NFC-normalised (`/caf%c3%a9` -> `/café`),
as lookups now compare them. Two rows that become the same address (`/a%2fb` and `/a/b`, or
`/caf%c3%a9` and `/café`) are merged: the one that leads to a page (a renamed page's) or else
the most used is kept, the other's uses are added to it and its note says what was merged; every
merge is printed. An address whose decoded form holds a control character is left as it was.

"Not found" report: paths stripped of control and format characters; paths holding `?` or
starting with `//` are deleted (a search term must not stay in the database); duplicates merged.

The rules are copied here, not imported, so this migration keeps doing what it did.
"""

import sys
import unicodedata
from urllib.parse import unquote

from django.db import migrations


def _decode(path):
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        decoded = path
    return unicodedata.normalize("NFC", decoded)


def _invisible(char):
    return unicodedata.category(char).startswith("C")


def _say(text):
    sys.stdout.write(f"\n  redirects: {text}")


def normalise_redirects(apps, schema_editor):
    Redirect = apps.get_model("redirects", "Redirect")
    groups = {}
    for redirect in Redirect.objects.order_by("pk"):
        new = _decode(redirect.old_path).lower()
        if any(_invisible(char) for char in new):
            _say(f"kept {redirect.old_path!r} as it was (it decodes to a control character)")
            new = redirect.old_path
        groups.setdefault((new, redirect.query), []).append(redirect)
    for (new, query), rows in groups.items():
        rows.sort(key=lambda row: (row.content_type_id is None, -row.hits, row.pk))
        kept, merged = rows[0], rows[1:]
        for other in merged:
            _say(
                f"merged the redirect from {other.old_path!r} (to "
                f"{other.target_path or other.status}) into the one from {kept.old_path!r}"
            )
            kept.hits += other.hits
            if other.last_hit_at and (not kept.last_hit_at or other.last_hit_at > kept.last_hit_at):
                kept.last_hit_at = other.last_hit_at
            kept.note = (f"{kept.note} " if kept.note else "") + f"(merged: {other.old_path})"
            kept.note = kept.note[:200]
            other.delete()
        if merged or kept.old_path != new:
            kept.old_path = new
            kept.save(update_fields=["old_path", "hits", "last_hit_at", "note"])


def clean_not_found(apps, schema_editor):
    NotFoundPath = apps.get_model("redirects", "NotFoundPath")
    groups = {}
    for row in NotFoundPath.objects.order_by("pk"):
        path = "".join(char for char in unicodedata.normalize("NFC", row.path) if not _invisible(char))
        if not path.startswith("/") or path.startswith("//") or "?" in path or "\\" in path:
            row.delete()
            continue
        groups.setdefault(path[:300], []).append(row)
    deleted = 0
    for path, rows in groups.items():
        kept, merged = rows[0], rows[1:]
        for other in merged:
            kept.hits += other.hits
            kept.first_seen_at = min(kept.first_seen_at, other.first_seen_at)
            kept.last_seen_at = max(kept.last_seen_at, other.last_seen_at)
            other.delete()
            deleted += 1
        if merged or kept.path != path:
            kept.path = path
            kept.save()
    if deleted:
        _say(f"merged {deleted} not-found paths that differed only by invisible characters")


class Migration(migrations.Migration):
    dependencies = [("redirects", "0002_query_and_not_found")]

    operations = [
        migrations.RunPython(normalise_redirects, migrations.RunPython.noop),
        migrations.RunPython(clean_not_found, migrations.RunPython.noop),
    ]
