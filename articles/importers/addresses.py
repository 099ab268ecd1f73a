"""The old site's addresses, from the links that existed, become redirects to the new pages.

Each item's own `link` and `guid` (path, and the query strings WordPress answers, `?p=123` and
`?page_id=2`); for a Squarespace export only, Squarespace's other forms of a post's address
(`/blog/slug`, `.html`, its dated forms; `?format=amp` is matched by the path's redirect); and
the blog's list, feed, category and tag addresses, only under the blog's real root (the part of
the posts' links before any date segment: `/blog` on Squarespace, often the site's root on
WordPress, where the list is the home page and is left alone).

No old address ever points two ways: an address another item of the same file already took, or
that already leads elsewhere (added by staff, or by a rename), is left as it is and reported.
The report counts the redirects made per kind.
"""

import os
import re
from urllib.parse import quote_plus, unquote, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from redirects.models import (
    MAX_PATH,
    MAX_QUERY,
    Redirect,
    normalise_path,
    normalise_query,
    path_variants,
)

POST_LINK = "old post addresses"
QUERY_LINK = "old ?p= and ?page_id= addresses"
SQUARESPACE = "Squarespace's other forms of a post's address"
PAGE_LINK = "old page addresses"
BLOG = "the blog's list and feed"
TOPIC = "old category and tag addresses"
KINDS = (POST_LINK, QUERY_LINK, SQUARESPACE, PAGE_LINK, BLOG, TOPIC)


def blog_root(export):
    """ "/blog", or "" when the posts lived at the site's root: the segments every post's link
    shares, before its slug and before any date segment."""
    prefixes = []
    for item in export.items:
        path = urlsplit(item.link).path if item.post_type == "post" and item.link else ""
        segments = [segment for segment in path.split("/") if segment]
        if not segments or path.rstrip("/") == "/null":
            continue
        prefix = []
        for segment in segments[:-1]:
            if segment.isdigit():
                break
            prefix.append(segment.lower())
        prefixes.append(prefix)
    if not prefixes:
        return ""
    common = os.path.commonprefix(prefixes)
    return "/" + "/".join(common) if common else ""


def _address(url):
    """(path, query) of an old link as stored: normalised, without a final /; or None."""
    if not url or not (url.startswith("/") or re.match(r"^https?://", url, re.IGNORECASE)):
        return None
    parts = urlsplit(url)
    path = normalise_path(parts.path or "/")
    path = path.rstrip("/") or "/"
    query = parts.query
    if query:
        # Only the query strings WordPress answers with a post or a page.
        query = "&".join(
            part
            for part in query.split("&")
            if re.match(r"^(p|page_id|attachment_id)=\d+$", part, re.IGNORECASE)
        ).lower()
    if path == "/null" or (path == "/" and not query) or len(path) >= MAX_PATH:
        return None
    return path, query[:MAX_QUERY]


class OldAddresses:
    def __init__(self, export, report, dry_run, note):
        self.export = export
        self.report = report
        self.dry_run = dry_run
        self.note = note[:200]
        self.root = blog_root(export)
        self.claimed = {}  # (path, query) -> the target's key, in this run

    # What each item's old addresses were.

    def of_item(self, item, slugs, page=False):
        """[(path, query, kind)] of the item's old addresses, each once."""
        wanted = []
        for url in (item.link, item.guid):
            address = _address(url)
            if address is not None:
                kind = QUERY_LINK if address[1] else (PAGE_LINK if page else POST_LINK)
                wanted.append((*address, kind))
        if self.export.squarespace and not page:
            wanted += [(path, "", SQUARESPACE) for path in self._squarespace_forms(item, slugs)]
        unique, seen = [], set()
        for path, query, kind in wanted:
            if (path, query) not in seen and len(path) < MAX_PATH:
                seen.add((path, query))
                unique.append((path, query, kind))
        return unique

    def _squarespace_forms(self, item, slugs):
        root = self.root or "/blog"
        raw_name = unquote(item.post_name or "").strip("/").rsplit("/", 1)[-1]
        if raw_name:
            slugs = {*slugs, re.sub(r"\.html?$", "", raw_name, flags=re.IGNORECASE)}
        moment = item.date_local or item.date_gmt
        for slug in sorted(slug for slug in slugs if slug):
            yield normalise_path(f"{root}/{slug}")
            yield normalise_path(f"{root}/{slug}.html")
            if moment is not None:
                y, m, d = moment.year, moment.month, moment.day
                yield normalise_path(f"{root}/{y}/{m}/{d}/{slug}")
                yield normalise_path(f"{root}/{y}/{m:02d}/{d:02d}/{slug}")

    # Pointing them at the new page.

    def point(self, item, addresses, target, new_path):
        """Each old address leads to `target` (an object; None in a dry run)."""
        for path, query, kind in addresses:
            if not query and path in path_variants(new_path):
                continue  # the page is at its old address: no redirect
            self._claim(item, path, query, kind, target)

    def _claim(self, item, path, query, kind, target, target_path=""):
        key = _key(target, target_path) or ("item", item.number if item else kind)
        query = normalise_query(query)
        label = path + (f"?{query}" if query else "")
        if self.claimed.setdefault((path, query), key) != key:
            self.report.redirect_clash(item, f"{label} was also the address of another item")
            return
        existing = Redirect.objects.filter(old_path__in=path_variants(path), query=query).first()
        if existing is not None:
            if existing.source != Redirect.Source.IMPORT:
                if _key_of(existing) != key:
                    self.report.redirect_clash(
                        item, f"{label} already has a redirect ({existing.source}): left as it is"
                    )
                return
            if not self.dry_run and _key_of(existing) != key and key[0] != "item":
                _aim(existing, target, target_path)
                existing.save()
            return
        self.report.redirect_made(kind)
        if self.dry_run:
            return
        redirect = Redirect(
            old_path=path,
            query=query,
            status=Redirect.Status.MOVED,
            keep_query_string=bool(target_path) and not query,
            source=Redirect.Source.IMPORT,
            note=self.note,
        )
        _aim(redirect, target, target_path)
        redirect.save()

    # The blog's own addresses.

    def blog(self, topics):
        """The list, the feed, and each imported category's and tag's old addresses.
        `topics`: [(domain, slug, name, Topic or None in a dry run)]."""
        root, squarespace = self.root, self.export.squarespace
        if not any(item.post_type == "post" for item in self.export.items):
            return
        if root and root != "/":
            self._claim(None, root, "", BLOG, None, reverse("articles:list"))
        if squarespace:
            self._claim(None, root or "/", "format=rss", BLOG, None, reverse("articles:feed"))
        else:
            self._claim(None, f"{root}/feed", "", BLOG, None, reverse("articles:feed"))
        for domain, slug, name, topic in topics:
            base = "tag" if domain == "post_tag" else "category"
            names = {slug, quote_plus(name.lower())} if squarespace else {slug}
            for each in sorted(names):
                path = normalise_path(f"{root}/{base}/{each}")
                if len(path) < MAX_PATH:
                    self._claim(None, path, "", TOPIC, topic)
            if squarespace and root:
                query = f"{base}={quote_plus(name.lower())}"
                self._claim(None, root, query[:MAX_QUERY], TOPIC, topic)


def _key(target, target_path):
    if target_path:
        return ("path", target_path)
    if target is None:
        return None
    return (ContentType.objects.get_for_model(target).pk, target.pk)


def _key_of(redirect):
    if redirect.content_type_id is None:
        return ("path", redirect.target_path)
    return (redirect.content_type_id, redirect.object_id)


def _aim(redirect, target, target_path):
    if target_path:
        redirect.target_path, redirect.content_type, redirect.object_id = target_path, None, None
    else:
        redirect.content_type = ContentType.objects.get_for_model(target)
        redirect.object_id, redirect.target_path = target.pk, ""
