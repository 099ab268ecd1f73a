"""`{% fixed_url 'name' %}`: `{% url 'name' %}` for addresses without arguments, worked out
once per process instead of on every render.

The navigation, footer, breadcrumbs and calls to action link to the same few pages on every
page; reverse() for each of them is a measurable part of rendering a page. The URLconf cannot
change while a process runs, so the result is kept per URLconf and script prefix (tests that
swap ROOT_URLCONF, or a site mounted under a prefix, get their own). Like `{% url %}`, an
unknown name raises NoReverseMatch, and `{% fixed_url 'name' as var %}` works.
"""

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

_resolved = {}


@register.simple_tag
def fixed_url(name):
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), name)
    url = _resolved.get(key)
    if url is None:
        url = _resolved[key] = reverse(name)
    return url
