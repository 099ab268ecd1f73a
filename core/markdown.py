"""The one Markdown renderer: Markdown to HTML, then an allow-list sanitiser.

Text that staff type is rendered once, when it is saved, and stored. Raw HTML is allowed
through Markdown only to be sanitised by nh3, so scripts, event handlers, styles, frames and
unsafe URL schemes never reach a visitor. Images typed by address are removed too (the
Content-Security-Policy only allows this site's own images): a picture goes in the text as a
reference to an image the site holds, e.g. `![A quiet room](image:42)`, which an app resolves
(see register_image_resolver) into a <figure> with the image's resized copies. Only the image
addresses a resolver gave in this same rendering pass the sanitiser.

Staff are not developers, so lists are read as people type them (see _prepare_lists): a list
may start straight under a line of text, and an item indented by two spaces is nested.
Footnotes work: their ids get the same prefix as headings' (see _FootnoteIdTreeprocessor).
"""

import html
import math
import re
from typing import NamedTuple
from urllib.parse import urlsplit
from xml.etree import ElementTree

import markdown
import nh3
from django.conf import settings
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
# No "rel": whatever an author types is dropped, and external links get rel="noopener" after
# sanitising (see _add_noopener), for raw HTML links as well as Markdown ones.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "td": {"align"},
    "th": {"align", "scope"},
    "ol": {"start"},
    # Footnotes only (see _id_filter): the note and the reference link to each other.
    "li": {"id"},
    "sup": {"id"},
    # Only as a resolver writes them (see _image_filter): src and srcset must be its own.
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

WORDS_PER_MINUTE = 200

# Every id in staff-typed HTML starts with this, so a heading such as "## Urgent help" or
# "## Main" cannot take an id the page itself uses (the footer's #urgent-help, <main id="main">,
# a profile's #contact): the page's own links keep going where they should.
HEADING_ID_PREFIX = "section-"

# A footnote's id and its reference's ("fn:1", "fnref:1", "fnref2:1" for a second reference to
# the same note), with the prefix. Only these go on <li> and <sup>, and never on a heading: a
# heading's slug cannot hold a ":", so footnote and heading ids can never be the same.
_FOOTNOTE_ID = re.compile(re.escape(HEADING_ID_PREFIX) + r"fn(?:ref\d*)?:.+")
_FOOTNOTE_ELEMENTS = {"li", "sup"}


# scheme ("image") -> resolver(reference) -> ResolvedImage or None. Apps register resolvers.
_image_resolvers = {}


class ResolvedImage(NamedTuple):
    """What a resolver tells about an image the site holds, for the <figure> written for it."""

    src: str
    width: int
    height: int
    srcset: str = ""
    sizes: str = ""
    alt: str = ""  # the library's description, used when the text gives none
    caption: str = ""


def register_image_resolver(scheme, resolver):
    """Let `![alt](scheme:reference)` in Markdown show an image: `resolver(reference)` returns
    a ResolvedImage, or None if there is no such image (the reference is then left out)."""
    _image_resolvers[scheme] = resolver


def image_references(text, scheme):
    """The references `text` makes to images of `scheme`, e.g. {"42"} for `![x](image:42)`."""
    return set(re.findall(r"\]\(\s*" + re.escape(scheme) + r":([\w-]+)", text or ""))


def _heading_id(value, separator):
    """The toc extension's slug for a heading, with the prefix."""
    return HEADING_ID_PREFIX + slugify(value, separator)


def _id_filter():
    """An nh3 attribute filter for one document: ids typed as raw HTML get the prefix too
    (the generated ones have it already), a footnote's id goes on a footnote's <li> or <sup>
    and nowhere else, and an id already used in the document is dropped."""
    seen = set()

    def prefix_ids(element, attribute, value):
        if attribute != "id":
            return value
        if not value.startswith(HEADING_ID_PREFIX):
            value = HEADING_ID_PREFIX + value
        if (element in _FOOTNOTE_ELEMENTS) != bool(_FOOTNOTE_ID.fullmatch(value)):
            return None
        if value in seen:
            return None
        seen.add(value)
        return value

    return prefix_ids


class _ImageTreeprocessor(Treeprocessor):
    """`![alt](image:42)` becomes the image's <img> (in a <figure> with its caption when it
    stands alone in a paragraph); any other image is removed. The addresses written are noted
    in `md.image_addresses`, the only ones the sanitiser lets through."""

    def run(self, root):
        parents = {child: parent for parent in root.iter() for child in parent}
        for image in list(root.iter("img")):
            parent = parents[image]
            scheme, _, reference = (image.get("src") or "").partition(":")
            resolver = _image_resolvers.get(scheme) if reference else None
            resolved = resolver(reference) if resolver else None
            if resolved is None:
                _remove(parent, image)
                continue
            alt = image.get("alt") or resolved.alt
            image.attrib.clear()
            image.set("src", resolved.src)
            self.md.image_addresses.add(resolved.src)
            if resolved.srcset:
                image.set("srcset", resolved.srcset)
                image.set("sizes", resolved.sizes or "100vw")
                self.md.image_addresses.add(resolved.srcset)
            image.set("alt", alt)
            image.set("width", str(resolved.width))
            image.set("height", str(resolved.height))
            image.set("loading", "lazy")  # always below the title, the summary and the hero
            image.set("decoding", "async")
            alone = parent.tag == "p" and len(parent) == 1 and not (parent.text or "").strip()
            if alone and not (image.tail or "").strip():
                parent.tag = "figure"
                parent.text = None
                image.tail = None
                if resolved.caption:
                    caption = ElementTree.SubElement(parent, "figcaption")
                    caption.text = resolved.caption


def _remove(parent, element):
    """Take `element` out of `parent`, keeping the text that followed it."""
    tail = element.tail or ""
    index = list(parent).index(element)
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


class _HeadingTreeprocessor(Treeprocessor):
    """A document's h1 becomes h2 (the page owns the h1)."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class _FootnoteIdTreeprocessor(Treeprocessor):
    """Footnotes' ids, and the links between a note and its references, get the prefix, like
    headings' ids: "fn:1" becomes "section-fn:1", so a footnote cannot take one of the page's
    own ids, and the sanitiser keeps the ids the links go to."""

    def run(self, root):
        for element in root.iter():
            if element.tag == "a" and element.get("class") in {"footnote-ref", "footnote-backref"}:
                href = element.get("href", "")
                if href.startswith("#"):
                    element.set("href", "#" + HEADING_ID_PREFIX + href[1:])
            elif (
                element.tag == "sup" and len(element) and element[0].get("class") == "footnote-ref"
            ):
                element.set("id", HEADING_ID_PREFIX + element.get("id", ""))
            elif element.tag == "div" and element.get("class") == "footnote":
                for note in element.iter("li"):
                    if note.get("id", "").startswith("fn"):
                        note.set("id", HEADING_ID_PREFIX + note.get("id"))


# Why a preprocessor of our own: no list extension for Python-Markdown reads lists as staff type
# them. Measured against tests/test_markdown_lists.py (December 2026): Python-Markdown's own
# sane_lists fails 11 of its 17 tests, pymdownx.fancylists (pymdown-extensions 13.1.2) 11,
# mdx_truly_sane_lists 1.3 12 (with two-space nesting, four-space nesting stops working),
# mdx_breakless_lists 1.0.1 6 and mdx_better_lists 1.1 5 at best (both start a list at "2026."
# in a paragraph; breakless adds blank lines inside code). None, alone or combined, nests an
# item by two spaces as by four, or ends a list at a "---" under an item's second paragraph.
#
# Lines as _prepare_lists reads them. An item: indentation, a marker ("-", "*", "+" or a number
# and a full stop), a space and some text. A marker alone on its line is not an item here.
_ITEM = re.compile(r" *(?:[-*+]|(\d+)\.) +\S")
# An opening or closing code fence: the backticks or tildes it is made of.
_FENCE = re.compile(r" *(`{3,}|~{3,})")
# A "#" heading or a horizontal rule ("---", "* * *"): Python-Markdown ends a list or a
# paragraph at these by itself.
_HEADING_OR_RULE = re.compile(r"#| {0,3}([-*_])(?: {0,2}\1){2,} *$")
_QUOTE = re.compile(r" {0,3}>")
# Possessive quantifiers (*+, ++): a line that is not a delimiter fails at once, instead of
# after trying every way to share its spaces between the runs (minutes for a long line).
_TABLE_DELIMITER = re.compile(r" *+\|? *+:?-++:? *+(?:\| *+:?-++:? *+)*+\|? *+")

# What the lines since the last blank line (or heading) are.
_START = "start"  # none yet
_TEXT = "text"  # a paragraph, outside any list
_ITEMS = "items"  # list items, and lines that carry on their text
_NOTES = "notes"  # after a blank line, a further paragraph of a list item
_OTHER = "other"  # a quotation, a table, code: left as typed


class _OpenItem(NamedTuple):
    indent: int  # spaces typed before its marker
    numbered: bool


def _depth(items, indent):
    """How deep a list item typed at `indent` goes among the open `items` (outermost first):
    an item at least two spaces deeper than the one above it is nested in it; otherwise it
    follows the item at its level."""
    return len([item for item in items if indent >= item.indent + 2])


def _nest(items, indent, numbered):
    """Open a list item typed at `indent`; return the indentation Python-Markdown needs for it:
    as typed at the top level, four spaces a level below it."""
    depth = _depth(items, indent)
    del items[depth:]
    items.append(_OpenItem(indent, numbered))
    return min(indent, 3) if depth == 0 else 4 * depth


def _owner(items, indent):
    """The innermost open item that a line at `indent` is indented under, or None."""
    owners = [depth for depth, item in enumerate(items) if indent >= item.indent + 2]
    return owners[-1] if owners else None


def _continue_item(items, owner, line, indent):
    """A line of a list item's further paragraph, indented as Python-Markdown needs: four
    spaces a level. Anything typed beyond four spaces past its item's marker (at the top
    level, beyond four spaces), as for code in the item, is kept."""
    if owner is None or indent < items[owner].indent + 2:
        return line  # not under its item: a lazy line, which Python-Markdown reads as typed
    extra = max(0, indent - (4 if owner == 0 else items[owner].indent + 4))
    return " " * (4 * (owner + 1) + extra) + line[indent:]


def _starts_item(items, indent, number):
    """True if an item typed straight under a line of text starts an item there: a bullet or
    "1." (a new list, nested in `items` if they are open), or a number that follows an open
    numbered item at its level. Anything else ("2026. A year later") carries on the text."""
    if number in {None, "1"}:
        return True
    depth = _depth(items, indent)
    return depth < len(items) and items[depth].numbered


def _is_table(lines, index):
    return (
        "|" in lines[index]
        and index + 1 < len(lines)
        and "|" in lines[index + 1]
        and bool(_TABLE_DELIMITER.fullmatch(lines[index + 1]))
    )


def _prepare_lists(lines):
    """Lines of Markdown as an editor types them, made into what Python-Markdown reads.

    - A list may start right under a line of text (Python-Markdown needs a blank line between):
      a bulleted one, or a numbered one starting at "1." ("2026. A year later" inside a
      paragraph stays text, as in CommonMark). So may items under a list item's paragraph.
    - An item indented by two or three spaces under another is nested in it, as with four.
    - Code (fenced or indented), quotations and tables are left as typed. Text without such
      lists comes out as before, and so do lists typed as Python-Markdown wants them (a blank
      line before, four spaces a level), except an item typed after a blank line and a nested
      list: Python-Markdown put it in that nested list, and now it follows its own level.
    """
    out = []
    fence = None  # the backticks or tildes of an open code fence
    code = False  # in an indented code block
    items = []  # the open list items (see _nest)
    run = _START
    owner = None  # in a _NOTES run: the depth of the item its paragraph belongs to
    top = 0  # in an _ITEMS run: the depth of its first item
    for index, line in enumerate(lines):
        text = line.lstrip(" ")
        indent = len(line) - len(text)
        if fence:
            out.append(line)
            if text.rstrip(" ") == fence:
                fence = None
            continue
        if not text:
            out.append(line)
            run = _START
            continue
        if code:
            if indent >= 4:
                out.append(line)
                continue
            code, run = False, _START  # Python-Markdown starts a new block after the code
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            run = _OTHER
            out.append(line)
            continue
        rule = _HEADING_OR_RULE.match(line)
        if run == _NOTES and (rule or _QUOTE.match(line)) and _owner(items, indent) is None:
            # A heading, rule or quotation typed outside the item ends the list, as it did
            # before the item's paragraph was indented for Python-Markdown.
            items.clear()
            out.extend(["", line])
            run = _START if rule else _OTHER
            continue
        if rule and run != _NOTES:
            items.clear()
            run = _START
            out.append(line)
            continue
        item = None if rule else _ITEM.match(line)
        number = item.group(1) if item else None
        if run == _START and items:
            # After a blank line in a list: another item, a further paragraph of an item, or
            # the end of the list. An item indented past its parent's text by four is code.
            if item and indent < items[-1].indent + 6:
                out.append(" " * _nest(items, indent, number is not None) + text)
                run, top = _ITEMS, len(items) - 1
                continue
            if indent >= min(items[0].indent + 2, 4):
                owner = _owner(items, indent)
                if owner is not None:
                    del items[owner + 1 :]
                out.append(_continue_item(items, owner, line, indent))
                run = _NOTES
                continue
            items.clear()
        if run == _START:
            if indent >= 4:
                code = True
                run = _OTHER
            elif item:
                items.append(_OpenItem(indent, number is not None))
                run, top = _ITEMS, 0
            elif _QUOTE.match(line) or _is_table(lines, index):
                run = _OTHER
            else:
                run = _TEXT
            out.append(line)
        elif run == _TEXT and item and indent <= 3 and _starts_item([], indent, number):
            out.extend(["", line])
            items.append(_OpenItem(indent, number is not None))
            run, top = _ITEMS, 0
        elif run == _ITEMS and item:
            if _depth(items, indent) < top:
                # Back out of a nested list that followed a blank line: Python-Markdown would
                # keep this item in that list unless a blank line comes first.
                out.append("")
                top = _depth(items, indent)
            out.append(" " * _nest(items, indent, number is not None) + text)
        elif (
            run == _NOTES
            and item
            and indent < items[-1].indent + 6
            and _starts_item(items, indent, number)
        ):
            out.extend(["", " " * _nest(items, indent, number is not None) + text])
            run, top = _ITEMS, len(items) - 1
        elif run == _NOTES:
            out.append(_continue_item(items, owner, line, indent))
        else:
            out.append(line)
    return out


class _ListPreprocessor(Preprocessor):
    def run(self, lines):
        return _prepare_lists(lines)


class _SiteExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API name
        # After "fenced_code_block" (25) and "html_block" (20): fenced code and raw HTML blocks
        # are placeholders by then, so their lines are never changed.
        md.preprocessors.register(_ListPreprocessor(md), "smarttherapy_lists", 15)
        # After the footnotes' own treeprocessors (the last at 15) and before "toc" (5).
        md.treeprocessors.register(_FootnoteIdTreeprocessor(md), "smarttherapy_footnotes", 10)
        # Runs before "toc" (priority 5), so heading ids are given to the demoted headings.
        md.treeprocessors.register(_HeadingTreeprocessor(md), "smarttherapy_headings", 6)
        # After "inline" (20), which makes the <img> elements.
        md.treeprocessors.register(_ImageTreeprocessor(md), "smarttherapy_images", 8)
        md.image_addresses = set()


# An <a> start tag as nh3 writes it: each attribute double-quoted, with any " inside written
# as &quot;, and a "<" in text written as &lt;, so this cannot match inside a value or text.
_A_START_TAG = re.compile(r'<a((?: [a-z]+="[^"]*")*)>')
_HREF = re.compile(r' href="([^"]*)"')
# Browsers drop these from a link's address before reading it, and read "\" as "/".
_URL_STRIP = "".join(chr(c) for c in range(0x21))
_URL_REMOVE = str.maketrans({"\t": None, "\n": None, "\r": None, "\\": "/"})


def is_external(href: str) -> bool:
    """True if a link leaves the site: an http(s) address or a scheme-less "//host" one, on
    another host than SITE_URL's. Relative paths, #anchors, mailto: and tel: stay inside."""
    try:
        url = urlsplit(href.strip(_URL_STRIP).translate(_URL_REMOVE))
    except ValueError:  # e.g. "http://[broken": not ours, whatever it is
        return True
    if url.scheme.lower() not in {"", "http", "https"}:
        return False
    if url.scheme and not url.netloc:
        return True  # "http:host" from an https page goes to that host: treat it as leaving
    return bool(url.netloc) and url.netloc.lower() != urlsplit(settings.SITE_URL).netloc.lower()


def _add_noopener(sanitised: str) -> str:
    """Give each external link in nh3's output rel="noopener" (nh3 has removed any rel)."""

    def tag(match):
        attributes = match.group(1)
        href = _HREF.search(attributes)
        if href and is_external(html.unescape(href.group(1))):
            attributes += ' rel="noopener"'
        return f"<a{attributes}>"

    return _A_START_TAG.sub(tag, sanitised)


def _render(text):
    """(HTML before sanitising, the image addresses resolved while rendering it)."""
    md = markdown.Markdown(
        extensions=["extra", "sane_lists", "toc", _SiteExtension()],
        extension_configs={"toc": {"permalink": False, "slugify": _heading_id}},
        output_format="html",
    )
    return md.convert(text or ""), frozenset(md.image_addresses)


def render_unsanitised(text: str) -> str:
    """Markdown typed by staff as HTML, before sanitising: NOT safe to store or show.
    Only render_markdown and the tests that prove the sanitiser is needed call this."""
    return _render(text)[0]


def _attribute_filter(image_addresses):
    ids = _id_filter()

    def keep(element, attribute, value):
        if element == "img" and attribute in {"src", "srcset"}:
            return value if value in image_addresses else None
        return ids(element, attribute, value)

    return keep


# An <img> as nh3 writes it (see _A_START_TAG); one without a src was typed, not resolved.
_IMG_TAG = re.compile(r'<img((?: [a-z]+="[^"]*")*)>')


def sanitise(rendered: str, image_addresses=frozenset()) -> str:
    """HTML rendered from Markdown, through the allow-list: safe to store and show. Images stay
    only with an address in `image_addresses` (those a resolver gave)."""
    sanitised = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter(image_addresses),
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    sanitised = _IMG_TAG.sub(
        lambda tag: tag.group(0) if ' src="' in tag.group(1) else "", sanitised
    )
    return _add_noopener(sanitised)


def render_markdown(text: str) -> str:
    """Render Markdown typed by staff to sanitised HTML, safe to store and show."""
    rendered, image_addresses = _render(text)
    return sanitise(rendered, image_addresses)


_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    """Words in Markdown `text`, not counting its markup ("##", "-", "**")."""
    return len(_WORD.findall(text or ""))


def reading_time_minutes(text: str) -> int:
    """Minutes an average reader needs for `text`, at least one."""
    return max(1, math.ceil(word_count(text) / WORDS_PER_MINUTE))
