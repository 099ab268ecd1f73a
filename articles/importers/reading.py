"""Reading a WordPress (WXR) export: the file becomes an Export of Items, or WXRError.

`parse()` reads the file strictly with defusedxml (no DTD, so no entity expansion and no
external entities). When that fails, as it does for Squarespace's exports, the tolerant pass in
`repairing` makes the bare `&`, HTML entities and control characters text, and the strict parser
reads the result; every repair is counted for the report. A file that cannot be read even so is
refused with the item and line where reading stopped, and what to do.

Any WXR version is read (1.0, 1.1, 1.2; `http` or `https` namespaces): the `wp` and `excerpt`
namespaces are taken from the file itself. A file without them is not an export.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from articles.importers.repairing import Repairs, decode, repair

MAX_FILE_BYTES = 20 * 1024 * 1024

CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
_WP = re.compile(r"^https?://wordpress\.org/export/(\d+\.\d+)/$")
_EXCERPT = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/excerpt/$")
_DECLARATIONS = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
WHAT_TO_DO = (
    "Export the file again from the old site; if it fails the same way, send the file to "
    "whoever runs this website."
)


class WXRError(Exception):
    """The file cannot be imported at all; the message is one line, for a person."""


@dataclass
class Item:
    number: int  # its position in the file, for the report
    post_id: str
    post_type: str
    status: str
    title: str
    link: str
    post_name: str
    content: str
    excerpt: str
    date_gmt: datetime | None
    date_local: datetime | None
    creator: str
    categories: list  # (domain, nicename, name)
    thumbnail_id: str = ""
    attachment_url: str = ""
    guid: str = ""
    parent_id: str = ""


@dataclass
class Export:
    site_link: str
    authors: dict  # email -> display name
    items: list
    version: str = "1.2"
    squarespace: bool = False
    repairs: Repairs = field(default_factory=Repairs)


def parse(data):
    """The export in `data` (bytes), or WXRError."""
    if len(data) > MAX_FILE_BYTES:
        raise WXRError(
            f"The file is {len(data) / 2**20:.0f} MB; an export larger than "
            f"{MAX_FILE_BYTES // 2**20} MB is refused (a blog's export is usually far smaller)."
        )
    repairs = Repairs()
    try:
        root = _strict(data)
    except (ParseError, ValueError):
        root_at = data.find(b"<rss")
        if _DECLARATIONS.search(data[: root_at if root_at >= 0 else len(data)]):
            # A DTD (before the root: one in a post's CDATA is text) that is also broken:
            # refused as a DTD, never repaired.
            raise WXRError(_declares_message("DTDForbidden")) from None
        text = repair(decode(data, repairs), repairs)
        try:
            root = _strict(text.encode("utf-8"))
        except (ParseError, ValueError) as error:
            raise WXRError(_unreadable_message(text, error)) from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WXRError("This is not a WordPress (WXR) export: it has no <rss><channel>.")
    fields = _Fields.of(root)
    site_link = (
        fields.text(channel, "link") or fields.text(channel, "wp:base_blog_url") or "(no site link)"
    )
    authors = {}
    for author in fields.all(channel, "wp:author"):
        email = fields.text(author, "wp:author_email") or fields.text(author, "wp:author_login")
        if email:
            authors[email.lower()] = fields.text(author, "wp:author_display_name")
    items = [
        _item(fields, number, element) for number, element in enumerate(channel.iter("item"), 1)
    ]
    return Export(
        site_link=site_link.rstrip("/"),
        authors=authors,
        items=items,
        version=fields.version,
        squarespace=_from_squarespace(data, fields.text(channel, "generator"), items),
        repairs=repairs,
    )


def _strict(data):
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise WXRError(_declares_message(error.__class__.__name__)) from None


def _declares_message(kind):
    return (
        f"The file declares XML entities or a DTD ({kind}); a blog's export never does, so it "
        "was refused."
    )


def _unreadable_message(text, error):
    """Where reading stopped (the item, its title, the line), and what to do."""
    line = getattr(error, "position", (0, 0))[0]
    before = "\n".join(text.splitlines()[:line]) if line else text
    item_number = before.count("<item>") + before.count("<item ")
    where = f"line {line}" if line else "somewhere in the file"
    if item_number:
        start = max(before.rfind("<item>"), before.rfind("<item "))
        title = re.search(r"<title>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</title>", text[start:])
        name = html.unescape(title.group(1)).strip()[:80] if title else ""
        titled = f" “{name}”" if name else ""
        where = f"item {item_number}{titled}, {where}"
    reason = str(error).split(":")[0]
    return f"The file cannot be read even after repairs: {reason} at {where}. {WHAT_TO_DO}"


def _from_squarespace(data, generator, items):
    """Squarespace says so in its export's first lines (or its generator, or its links)."""
    if "squarespace" in generator.lower() or b"squarespace" in data[:2000].lower():
        return True
    return any("squarespace" in item.attachment_url for item in items[:50])


class _Fields:
    """Finding `wp:...`, `excerpt:...`, `content:...` and `dc:...` fields in this file's own
    namespaces."""

    def __init__(self, namespaces, version):
        self.namespaces = namespaces
        self.version = version

    @classmethod
    def of(cls, root):
        wp = excerpt = None
        for element in root.iter():
            uri = element.tag[1:].partition("}")[0] if element.tag[:1] == "{" else ""
            if wp is None and _WP.match(uri):
                wp = uri
            elif excerpt is None and _EXCERPT.match(uri):
                excerpt = uri
            if wp and excerpt:
                break
        if wp is None:
            raise WXRError(
                "This is not a WordPress (WXR) export: it has no WordPress fields (wp:). Export "
                "the blog again as “WordPress” (Squarespace) or with Tools › Export (WordPress)."
            )
        namespaces = {"wp": wp, "excerpt": excerpt or wp + "excerpt/", "content": CONTENT, "dc": DC}
        return cls(namespaces, _WP.match(wp).group(1))

    def find(self, element, path):
        return element.find(path, self.namespaces)

    def all(self, element, path):
        return element.findall(path, self.namespaces)

    def text(self, element, path):
        found = self.find(element, path)
        return (found.text or "").strip() if found is not None else ""

    def raw(self, element, path):
        found = self.find(element, path)
        return found.text or "" if found is not None else ""


def _item(fields, number, element):
    thumbnail_id = ""
    for meta in fields.all(element, "wp:postmeta"):
        if fields.text(meta, "wp:meta_key") == "_thumbnail_id":
            thumbnail_id = fields.text(meta, "wp:meta_value")
    categories = [
        (category.get("domain", "category"), category.get("nicename", ""), category.text or "")
        for category in element.findall("category")
    ]
    return Item(
        number=number,
        post_id=fields.text(element, "wp:post_id"),
        post_type=fields.text(element, "wp:post_type") or "post",
        status=fields.text(element, "wp:status"),
        title=fields.text(element, "title"),
        link=fields.text(element, "link"),
        post_name=fields.text(element, "wp:post_name"),
        content=fields.raw(element, "content:encoded"),
        excerpt=fields.raw(element, "excerpt:encoded"),
        date_gmt=_wp_date(fields.text(element, "wp:post_date_gmt"), UTC)
        or _rfc822(fields.text(element, "pubDate")),
        date_local=_wp_date(fields.text(element, "wp:post_date"), None),
        creator=fields.text(element, "dc:creator").lower(),
        categories=[(d, n.strip(), t.strip()) for d, n, t in categories if t.strip()],
        thumbnail_id=thumbnail_id,
        attachment_url=fields.text(element, "wp:attachment_url"),
        guid=fields.text(element, "guid"),
        parent_id=fields.text(element, "wp:post_parent"),
    )


def _wp_date(value, tz):
    if not value or value.startswith("0000"):
        return None
    try:
        moment = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return moment.replace(tzinfo=tz) if tz else moment


def _rfc822(value):
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None
