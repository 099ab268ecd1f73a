"""What every public form does to what a visitor types, whatever the form.

`PlainTextFormMixin` cleans every text field before the field's own checks: it removes the
bidirectional controls that can make a name display as something else (a right-to-left
override, U+202E, shows "txt.exe" for "exe.txt"), every other control character (a NUL,
which PostgreSQL refuses, C1 controls) and the invisible format characters (Unicode category
Cf: zero-width space, word joiner, BOM, soft hyphen, U+206A-206F, U+FFF9-FFFB), and
noncharacters (U+FDD0-FDEF, U+xFFFE/xFFFF); it keeps line breaks and tabs in multi-line fields
(textareas), and turns them into spaces in single-line ones.

The format characters a language needs are kept (`_needed_format_character`):
- the direction marks U+200E, U+200F and U+061C, which right-to-left names need and which
  cannot reorder text;
- a zero-width non-joiner or joiner (U+200C, U+200D) after a letter of a script whose
  spelling uses them, inside or at the end of a word in that script (Persian "می‌خواهم", Hindi "क्‍ष", Malayalam, Sinhala...: Arabic, Syriac,
  N'Ko, Mongolian and the Brahmic scripts of South and South-East Asia), and a joiner inside
  an emoji sequence (👩‍👧); anywhere else (between Latin letters, at the start of a name)
  they are removed. A field that holds nothing but
U+FFFD, what bytes that were not valid UTF-8 became, is refused with a message, so the visitor
types it again instead of the practice receiving "����".
"""

import unicodedata
from functools import partial

from django import forms

# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). The marks (U+200E, U+200F,
# U+061C) are kept: right-to-left names need them, and they cannot reorder text.
BIDI_CONTROLS = frozenset(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")
ZWNJ, ZWJ = "\u200c", "\u200d"
# Scripts whose spelling uses the zero-width (non-)joiner, by the first word of the characters'
# Unicode names.
JOINING_SCRIPTS = frozenset(
    [
        "ARABIC",
        "SYRIAC",
        "NKO",
        "MONGOLIAN",
        "DEVANAGARI",
        "BENGALI",
        "GURMUKHI",
        "GUJARATI",
        "ORIYA",
        "TAMIL",
        "TELUGU",
        "KANNADA",
        "MALAYALAM",
        "SINHALA",
        "MYANMAR",
        "KHMER",
        "THAI",
        "LAO",
        "TIBETAN",
    ]
)
REPLACEMENT_CHARACTER = "\ufffd"
UNREADABLE_MESSAGE = (
    "We could not read what was sent in this field (it arrived as \ufffd signs). "
    "Please type it again."
)


def _is_noncharacter(char):
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _script(char):
    return unicodedata.name(char, "").split(" ", 1)[0]


def _joining_letter(char):
    return unicodedata.category(char)[0] in "LM" and _script(char) in JOINING_SCRIPTS


def _in_joining_word(before, after):
    """Does the joiner follow a letter (or mark) of a script that spells with joiners, and
    come before another such letter or the end of the word (a Malayalam chillu, "ന്‍")?"""
    if before is None or not _joining_letter(before):
        return False
    return after is None or unicodedata.category(after)[0] not in "LM" or _joining_letter(after)


def _in_emoji_sequence(before, after):
    # An emoji (So), or one shown as emoji by U+FE0F, joined to the next emoji: 👩‍👧, ❤️‍🔥.
    return (
        before is not None
        and after is not None
        and (unicodedata.category(before) == "So" or before == "\ufe0f")
        and unicodedata.category(after) == "So"
    )


def _needed_format_character(char, before, after):
    """Is this format character (Cf) part of how the text is written? See the module's rule."""
    if char in DIRECTION_MARKS:
        return True
    if char == ZWNJ:
        return _in_joining_word(before, after)
    if char == ZWJ:
        return _in_joining_word(before, after) or _in_emoji_sequence(before, after)
    return False


def plain_text(value, multiline=False):
    """`value` without bidirectional controls, control characters, noncharacters and the
    format characters no language here needs (the module's docstring states the rule).

    Multi-line text keeps line breaks (as "\\n") and tabs; single-line text gets a space for
    each, so that words on either side stay apart.
    """
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for index, char in enumerate(value):
        if char in BIDI_CONTROLS or _is_noncharacter(char):
            continue
        category = unicodedata.category(char)
        if category == "Cc":
            if char in "\n\t":
                kept.append(char if multiline else " ")
            elif char == "\r":
                kept.append(" ")
            continue
        if category == "Cs":
            continue
        if category == "Cf":
            before = kept[-1] if kept else None
            after = value[index + 1] if index + 1 < len(value) else None
            if not _needed_format_character(char, before, after):
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
