"""What every public form does to what a visitor types, whatever the form.

`PlainTextFormMixin` cleans every text field before the field's own checks: it removes the
bidirectional controls that can make a name display as something else (a right-to-left
override, U+202E, shows "txt.exe" for "exe.txt") and every other control character (a NUL,
which PostgreSQL refuses, C1 controls); it keeps line breaks and tabs in multi-line fields
(textareas), and turns them into spaces in single-line ones. A field that holds nothing but
U+FFFD, what bytes that were not valid UTF-8 became, is refused with a message, so the visitor
types it again instead of the practice receiving "����".
"""

import unicodedata
from functools import partial

from django import forms

# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). The marks (U+200E, U+200F,
# U+061C) are kept: right-to-left names need them, and they cannot reorder text.
BIDI_CONTROLS = frozenset(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
REPLACEMENT_CHARACTER = "\ufffd"
UNREADABLE_MESSAGE = (
    "We could not read what was sent in this field (it arrived as \ufffd signs). "
    "Please type it again."
)


def plain_text(value, multiline=False):
    """`value` without bidirectional controls and control characters.

    Multi-line text keeps line breaks (as "\\n") and tabs; single-line text gets a space for
    each, so that words on either side stay apart.
    """
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in value:
        if char in BIDI_CONTROLS:
            continue
        if unicodedata.category(char) == "Cc":
            if char in "\n\t":
                kept.append(char if multiline else " ")
            elif char == "\r":
                kept.append(" ")
            continue
        kept.append(char)
    return "".join(kept)


def is_unreadable(value):
    """Nothing but replacement characters (and spaces)."""
    text = "".join(value.split())
    return bool(text) and set(text) == {REPLACEMENT_CHARACTER}


def _cleaned_to_python(to_python, multiline, value):
    if isinstance(value, str):
        value = plain_text(value, multiline=multiline)
        if is_unreadable(value):
            raise forms.ValidationError(UNREADABLE_MESSAGE, code="unreadable")
    return to_python(value)


class PlainTextFormMixin:
    """For every form the public fills in (put it before forms.Form / forms.ModelForm).

    Every CharField (EmailField, phone and other subclasses included) gets the cleaning above
    before its own to_python, so "required" and the form's own clean_<field>() see the cleaned
    text: a name that is only a U+202E is "Enter your name".
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                multiline = isinstance(field.widget, forms.Textarea)
                field.to_python = partial(_cleaned_to_python, field.to_python, multiline)
