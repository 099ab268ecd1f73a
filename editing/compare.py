"""Comparing two versions of an object, field by field, as the editor reads them: long text word
by word (`<del>`/`<ins>`), choices by their label, related objects by name."""

import datetime
import difflib
import re

from django.db import models
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from editing.versions import when

# Text longer than this (or any TextField) is compared word by word.
LONG_TEXT = 80

_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old, new):
    """`old` and `new` as one escaped HTML string: removed words in <del>, added ones in <ins>."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    parts = []
    for op, i1, i2, j1, j2 in _merged_opcodes(a, b):
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def _merged_opcodes(a, b):
    """difflib's opcodes, with changes separated only by spaces joined into one, so that a
    rewritten sentence reads as one deletion and one insertion, not word by alternate word."""
    merged = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        blank = op == "equal" and not "".join(a[i1:i2]).strip()
        if merged and merged[-1][0] != "equal" and (op != "equal" or blank):
            _, pi1, _, pj1, _ = merged[-1]
            merged[-1] = ("replace", pi1, i2, pj1, j2)
        else:
            merged.append((op, i1, i2, j1, j2))
    return merged


def edited_fields(model):
    """The fields staff edit, in the model's order: what is compared and restored."""
    fields = []
    for field in model._meta.get_fields():
        if field.auto_created or not getattr(field, "editable", False) or field.primary_key:
            continue
        if field.many_to_many:
            if field.remote_field.through._meta.auto_created:
                fields.append(field)
        elif field.concrete:
            fields.append(field)
    return fields


def current_values(obj):
    """The object's field values as stored now, keyed like a Version's field_dict."""
    values = {}
    for field in edited_fields(type(obj)):
        if field.many_to_many:
            values[field.attname] = list(
                getattr(obj, field.name).order_by().values_list("pk", flat=True)
            )
        else:
            values[field.attname] = getattr(obj, field.attname)
    return values


def display(field, value):
    """A stored value as the editor reads it."""
    if field.many_to_many:
        names = sorted(str(o) for o in field.related_model._default_manager.filter(pk__in=value))
        missing = len(set(map(str, value))) - len(names)
        if missing:
            names.append(f"{missing} since deleted")
        return ", ".join(names) or "(none)"
    if value is None or value == "":
        return "(empty)"
    if field.many_to_one:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else "(since deleted)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return when(value)
    if isinstance(field, models.FileField):
        return str(getattr(value, "name", value)) or "(empty)"
    return str(value)


def same(field, old, new):
    if field.many_to_many:
        return set(map(str, old or [])) == set(map(str, new or []))
    if isinstance(field, models.FileField):
        return str(getattr(old, "name", old) or "") == str(getattr(new, "name", new) or "")
    if isinstance(old, datetime.datetime | datetime.time) and isinstance(new, type(old)):
        # To the second, as the admin's date and time boxes show and keep them: a first save
        # of something made outside the admin (to the microsecond) changes no date.
        return old.replace(microsecond=0) == new.replace(microsecond=0)
    return old == new


def compare(model, old, new, fields=None):
    """The fields whose values differ between two field dicts, as rows for the template."""
    rows = []
    for field in fields or edited_fields(model):
        if field.attname not in old or field.attname not in new:
            continue
        if same(field, old[field.attname], new[field.attname]):
            continue
        rows.append(
            diff_row(field, display(field, old[field.attname]), display(field, new[field.attname]))
        )
    return rows


def diff_row(field, old_text, new_text):
    long = isinstance(field, models.TextField) or max(len(old_text), len(new_text)) > LONG_TEXT
    return {
        "label": capfirst(field.verbose_name),
        "old": old_text,
        "new": new_text,
        "long": long,
        "diff": word_diff(old_text, new_text) if long else None,
    }
