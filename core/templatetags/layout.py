"""Template tags for base.html: the page's own text reused in meta tags, on one line."""

import html
import re

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.html import strip_tags

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
