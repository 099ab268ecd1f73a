"""The one Markdown renderer: Markdown to HTML, then an allow-list sanitiser.

Text that staff type is rendered once, when it is saved, and stored. Raw HTML is allowed
through Markdown only to be sanitised by nh3, so scripts, event handlers, styles, frames and
unsafe URL schemes never reach a visitor. Images are removed too: the Content-Security-Policy
only allows this site's own images, and an article's picture is its uploaded hero image.
"""

import html
import math
import re
from urllib.parse import urlsplit

import markdown
import nh3
from django.conf import settings
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "strong",
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
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Tests switch this off to prove that the XSS tests fail without the sanitiser.
SANITISE = True

WORDS_PER_MINUTE = 200

# Every id in staff-typed HTML starts with this, so a heading such as "## Urgent help" or
# "## Main" cannot take an id the page itself uses (the footer's #urgent-help, <main id="main">,
# a profile's #contact): the page's own links keep going where they should.
HEADING_ID_PREFIX = "section-"


def _heading_id(value, separator):
    """The toc extension's slug for a heading, with the prefix."""
    return HEADING_ID_PREFIX + slugify(value, separator)


def _id_filter():
    """An nh3 attribute filter for one document: ids typed as raw HTML get the prefix too
    (the generated ones have it already), and an id already used in the document is dropped."""
    seen = set()

    def prefix_ids(element, attribute, value):
        if attribute != "id":
            return value
        if not value.startswith(HEADING_ID_PREFIX):
            value = HEADING_ID_PREFIX + value
        if value in seen:
            return None
        seen.add(value)
        return value

    return prefix_ids


class _HeadingTreeprocessor(Treeprocessor):
    """A document's h1 becomes h2 (the page owns the h1)."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class _SiteExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API name
        # Runs before "toc" (priority 5), so heading ids are given to the demoted headings.
        md.treeprocessors.register(_HeadingTreeprocessor(md), "smarttherapy_headings", 6)


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


def render_markdown(text: str) -> str:
    """Render Markdown typed by staff to sanitised HTML, safe to store and show."""
    rendered = markdown.markdown(
        text or "",
        extensions=["extra", "sane_lists", "toc", _SiteExtension()],
        extension_configs={"toc": {"permalink": False, "slugify": _heading_id}},
        output_format="html",
    )
    if not SANITISE:
        return rendered
    sanitised = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_id_filter(),
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return _add_noopener(sanitised)


_WORD = re.compile(r"\w+")


def reading_time_minutes(text: str) -> int:
    """Minutes an average reader needs for `text`, at least one."""
    return max(1, math.ceil(len(_WORD.findall(text or "")) / WORDS_PER_MINUTE))


def render_fields(instance, fields, update_fields=None, derived=None):
    """Render each Markdown source field of `instance` into its stored HTML field, for save().

    `fields` maps source to HTML field, e.g. {"body": "body_html"}; `derived` maps a source to
    any other fields worked out from it (e.g. {"body": ["reading_time"]}). Returns the
    `update_fields` to save with, so a derived field is always saved with its source: None
    (save everything) stays None.
    """
    for source, html_field in fields.items():
        setattr(instance, html_field, render_markdown(getattr(instance, source)))
    if update_fields is None:
        return None
    saved_with = {source: [html_field] for source, html_field in fields.items()}
    for source, names in (derived or {}).items():
        saved_with.setdefault(source, []).extend(names)
    return {
        *update_fields,
        *(name for source in update_fields for name in saved_with.get(source, ())),
    }
