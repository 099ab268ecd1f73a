"""Template tags for base.html."""

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
