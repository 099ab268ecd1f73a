import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def json_ld(data):
    """A JSON-LD block, escaped like `json_script` so no value can close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(
        _json_script_escapes
    )
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
