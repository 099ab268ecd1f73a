"""Reading what real exports contain: a tolerant pass for files that are not well-formed XML.

Squarespace's "WordPress" export is known not to be well-formed: bare `&` in titles and image
addresses (`?ixlib=rb-1.2.1&ixid=...`), HTML entities such as `&mdash;` and `&nbsp;` outside
CDATA, now and then a control character. `repair()` rewrites only those, outside CDATA
sections, and counts each kind, so the strict parser (defusedxml) can read the file; it never
declares, expands or fetches an entity (a DTD is refused before this pass runs), and the result
is no larger than the file allows (a named entity becomes one character, a bare `&` five).
"""

import re
from dataclasses import dataclass, field
from html.entities import html5

_CDATA = re.compile(r"(<!\[CDATA\[.*?\]\]>)", re.DOTALL)
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
# An ampersand and what may follow it: a character reference, a named entity, or anything else.
_AMPERSAND = re.compile(r"&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ESCAPED = {"<": "&lt;", "&": "&amp;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}


@dataclass
class Repairs:
    counts: dict = field(default_factory=dict)  # kind -> how many

    def add(self, kind, number=1):
        if number:
            self.counts[kind] = self.counts.get(kind, 0) + number

    def __bool__(self):
        return bool(self.counts)

    def sentence(self):
        """ "12 bare & characters and 3 HTML entities were read as text.", or ""."""
        words = {
            "bare &": ("bare & character", "bare & characters"),
            "entity": ("HTML entity", "HTML entities"),
            "control": ("invisible control character", "invisible control characters"),
            "encoding": ("character not in UTF-8", "characters not in UTF-8"),
        }
        parts = [
            f"{count} {words[kind][count != 1]}" for kind, count in self.counts.items() if count
        ]
        if not parts:
            return ""
        listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
        verb = "was" if self.total == 1 else "were"
        return f"The file was not well-formed XML: {listed} {verb} read as text."

    @property
    def total(self):
        return sum(self.counts.values())


def decode(data, repairs):
    """The file's text as UTF-8 (as every export declares); a byte that is not UTF-8 becomes
    a replacement character, counted."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        repairs.add("encoding", text.count("\ufffd"))
        return text


def repair(text, repairs):
    """`text` with bare `&`, HTML entities and control characters outside CDATA made XML."""
    pieces = _CDATA.split(text)
    for index in range(0, len(pieces), 2):  # the even pieces are outside CDATA
        pieces[index] = _repair_piece(pieces[index], repairs)
    return "".join(pieces)


def _repair_piece(piece, repairs):
    piece, controls = _CONTROL.subn("", piece)
    repairs.add("control", controls)

    def ampersand(match):
        reference = match.group(1)
        if reference is None:
            repairs.add("bare &")
            return "&amp;"
        name = reference[:-1]
        if name.startswith("#") or name in _XML_ENTITIES:
            return match.group(0)
        character = html5.get(reference) or html5.get(reference.lower())
        if character is None:
            repairs.add("bare &")  # "&ixid;" is no entity: the & was meant as text
            return "&amp;" + reference
        repairs.add("entity")
        return "".join(_ESCAPED.get(char, char) for char in character)

    return _AMPERSAND.sub(ampersand, piece)
