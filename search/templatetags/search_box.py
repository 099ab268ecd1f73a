"""{% search_max_length %}: the search boxes' maxlength, the server's own cut (search/query.py).

A box that takes no more than the server keeps also keeps the request line short: 200
characters, even 4-byte ones percent-encoded, make about 2,400 bytes, well inside gunicorn's
4,094 and nginx's 8 KB header buffer, so no bare 414 page."""

from django import template

from search.query import MAX_LENGTH

register = template.Library()


@register.simple_tag
def search_max_length():
    return MAX_LENGTH
