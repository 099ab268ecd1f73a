"""`{% menu_links "header" as links %}`: the menu staff edit (pages.MenuLink), for base.html.

Each link is {"url", "label", "current"}. The link whose address is the request's path is
current "page"; failing that, the link whose address is the longest start of the path is
current "true" (an article is in Articles), so the Modalities link (/therapists/modalities/),
not Therapists (/therapists/), marks /therapists/modalities/cbt/. The site's root (Home) is
current only on itself. A request that no address matched (an unknown path's 404, a bad host's
400) is in no section. No query: see pages.menu.
"""

from django import template
from django.urls import get_script_prefix

from pages import menu

register = template.Library()


def current_link(path, urls):
    """(url, "page") for the link at `path`, (url, "true") for the one it is under, or None."""
    if path in urls:
        return path, "page"
    root = get_script_prefix()
    above = [url for url in urls if url != root and url.endswith("/") and path.startswith(url)]
    return (max(above, key=len), "true") if above else None


@register.simple_tag(takes_context=True)
def menu_links(context, name):
    # An error page renders from settings alone (core/errors.py): no query, even for the menus.
    links = menu.links(name, stored_only=bool(context.get("from_settings_alone")))
    request = context.get("request")
    current = None
    if getattr(request, "resolver_match", None) is not None:
        current = current_link(request.path, {url for url, _ in links})
    return [
        {"url": url, "label": label, "current": current[1] if current and current[0] == url else ""}
        for url, label in links
    ]
