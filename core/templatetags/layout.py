"""Template tags for base.html: the page's own text reused in meta tags, and the navigation."""

import html
import re

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.urls import get_script_prefix
from django.utils.html import format_html, strip_tags

from core.templatetags.fixed_urls import fixed_url

register = template.Library()


@register.simple_tag(takes_context=True)
def block_text(context, name):
    """The text of block `name` as the page defines it, for reuse in a meta tag.

    Django renders each block once; base.html uses this to repeat the page's title and
    description in Open Graph tags. Tags are stripped, whitespace collapsed, and the text is
    escaped again by the caller's autoescaping (after decoding, so nothing is escaped twice).
    """
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    if block is None:
        return ""
    rendered = block.render(context)
    return re.sub(r"\s+", " ", html.unescape(strip_tags(rendered))).strip()


@register.filter(is_safe=True)
def oneline(value):
    """`value` on one line: each run of whitespace becomes one space, none at either end.

    base.html passes the title and description blocks through it, so a page template can wrap
    their text over several lines and the `<title>` and `<meta>` still read as one line.
    """
    return re.sub(r"\s+", " ", str(value)).strip()


_CURRENT = "_navigation_current"


@register.tag
def navigation(parser, token):
    """`{% navigation %}…{% endnavigation %}` around links written `{% nav_link "name" "Label" %}`.

    Each link renders as `<a href="{% url name %}">Label</a>`. The link whose address is the
    request's path gets aria-current="page"; failing that, the link whose address is the
    longest start of the path gets aria-current="true" (an article is in Articles). So the
    Modalities link (/therapists/modalities/), not Therapists (/therapists/), marks
    /therapists/modalities/cbt/. The site's root (Home) is current only on itself. A request
    that no address matched (an unknown path's 404, a bad host's 400) is in no section. URL
    names and paths only: nothing here knows an app.
    """
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% navigation %} takes no arguments")
    nodelist = parser.parse(("endnavigation",))
    parser.delete_first_token()
    return NavigationNode(nodelist)


@register.tag
def nav_link(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError('Use {% nav_link "url-name" "Label" %}')
    return NavLinkNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]))


def current_link(path, urls):
    """(url, "page") for the link at `path`, (url, "true") for the one it is under, or None."""
    if path in urls:
        return path, "page"
    root = get_script_prefix()
    above = [url for url in urls if url != root and url.endswith("/") and path.startswith(url)]
    return (max(above, key=len), "true") if above else None


class NavigationNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        current = None
        if getattr(request, "resolver_match", None) is not None:
            links = self.nodelist.get_nodes_by_type(NavLinkNode)
            current = current_link(request.path, {link.url(context) for link in links})
        with context.push({_CURRENT: current}):
            return self.nodelist.render(context)


class NavLinkNode(template.Node):
    def __init__(self, name, label):
        self.name = name
        self.label = label

    def url(self, context):
        return fixed_url(self.name.resolve(context))

    def render(self, context):
        url = self.url(context)
        current = context.get(_CURRENT)
        if current and current[0] == url:
            attribute = format_html(' aria-current="{}"', current[1])
        else:
            attribute = ""
        return format_html('<a href="{}"{}>{}</a>', url, attribute, self.label.resolve(context))
