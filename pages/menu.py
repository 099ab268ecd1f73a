"""The menus and the set of page addresses, read once per change of the site's content.

Both are kept under the page cache's content generation (core.pagecache): any save of a page, a
menu link or any other registered content starts a new generation, so a stale menu is never
shown. Within a generation each process keeps them in memory, so rendering a page's header
and footer, and telling whether an address is a page's, runs no SQL query at all.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch

from core import pagecache

# Their names under core.pagecache.until_content_changes().
MENUS = "pages-menus"
ADDRESSES = "pages-addresses"


@dataclass(frozen=True)
class Link:
    label: str
    target: str
    value: str = ""  # the page's address, the typed address, or nothing

    def url(self):
        from pages.addresses import page_url
        from pages.models import NAMED_TARGETS, MenuLink

        if self.target == MenuLink.Target.PAGE:
            return page_url(self.value)
        if self.target == MenuLink.Target.ADDRESS:
            return self.value
        from core.templatetags.fixed_urls import fixed_url

        return fixed_url(NAMED_TARGETS[self.target][0])


def _build_menus():
    from pages.models import MenuLink

    menus = {}
    for link in MenuLink.objects.shown().only("menu", "label", "target", "address", "page__slug"):
        value = link.page.slug if link.page_id else link.address
        menus.setdefault(link.menu, []).append(Link(link.label, link.target, value))
    return menus


def _build_addresses():
    from pages.models import Page

    return frozenset(Page.objects.published().values_list("slug", flat=True))


def links(menu, stored_only=False):
    """[(url, label)] of `menu` ("header" or "footer"), in order; links whose address cannot be
    worked out (a URL name missing from this URLconf) are left out. With `stored_only` (an
    error page, which must render without the database), the menus this process last read, if
    any."""
    if stored_only:
        menus = pagecache.last_derived(MENUS, {})
    else:
        menus = pagecache.until_content_changes(MENUS, _build_menus)
    found = []
    for link in menus.get(menu, ()):
        try:
            found.append((link.url(), link.label))
        except NoReverseMatch:
            continue
    return found


def published_addresses():
    """The addresses of the published pages."""
    return pagecache.until_content_changes(ADDRESSES, _build_addresses)


def forget():
    """Drop this process's copies (tests)."""
    pagecache.forget_derived()
