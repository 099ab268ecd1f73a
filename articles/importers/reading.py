"""Reading a WordPress (WXR) export: the file becomes an Export of Items, or WXRError.

`parse()` reads the file with defusedxml (no DTD, so no entity expansion and no external
entities) and refuses anything else with one clear line.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

MAX_FILE_BYTES = 20 * 1024 * 1024

NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "wp": "http://wordpress.org/export/1.2/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


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


@dataclass
class Export:
    site_link: str
    authors: dict  # email -> display name
    items: list


def parse(data):
    """The export in `data` (bytes), or WXRError."""
    if len(data) > MAX_FILE_BYTES:
        raise WXRError(
            f"The file is {len(data) / 2**20:.0f} MB; an export larger than "
            f"{MAX_FILE_BYTES // 2**20} MB is refused (a blog's export is usually far smaller)."
        )
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise WXRError(
            f"The file declares XML entities or a DTD ({error.__class__.__name__}); a "
            "Squarespace export never does, so it was refused."
        ) from None
    except (ParseError, ValueError) as error:
        raise WXRError(f"The file is not well-formed XML ({error}).") from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WXRError("This is not a WordPress (WXR) export: it has no <rss><channel>.")
    site_link = _text(channel, "link") or _text(channel, "wp:base_blog_url") or "(no site link)"
    authors = {}
    for author in channel.findall("wp:author", NS):
        email = _text(author, "wp:author_email") or _text(author, "wp:author_login")
        if email:
            authors[email.lower()] = _text(author, "wp:author_display_name")
    items = [_item(number, element) for number, element in enumerate(channel.iter("item"), 1)]
    return Export(site_link=site_link.rstrip("/"), authors=authors, items=items)


def _text(element, path):
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _item(number, element):
    thumbnail_id = ""
    for meta in element.findall("wp:postmeta", NS):
        if _text(meta, "wp:meta_key") == "_thumbnail_id":
            thumbnail_id = _text(meta, "wp:meta_value")
    categories = [
        (category.get("domain", "category"), category.get("nicename", ""), category.text or "")
        for category in element.findall("category")
    ]
    return Item(
        number=number,
        post_id=_text(element, "wp:post_id"),
        post_type=_text(element, "wp:post_type") or "post",
        status=_text(element, "wp:status"),
        title=_text(element, "title"),
        link=_text(element, "link"),
        post_name=_text(element, "wp:post_name"),
        content=_raw(element, "content:encoded"),
        excerpt=_raw(element, "excerpt:encoded"),
        date_gmt=_wp_date(_text(element, "wp:post_date_gmt"), UTC)
        or _rfc822(_text(element, "pubDate")),
        date_local=_wp_date(_text(element, "wp:post_date"), None),
        creator=_text(element, "dc:creator").lower(),
        categories=[(d, n.strip(), t.strip()) for d, n, t in categories if t.strip()],
        thumbnail_id=thumbnail_id,
        attachment_url=_text(element, "wp:attachment_url"),
    )


def _raw(element, path):
    found = element.find(path, NS)
    return found.text or "" if found is not None else ""


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
