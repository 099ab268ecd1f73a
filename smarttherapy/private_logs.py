"""Search terms never reach a log: they are health data.

One rule for every log that names an address (gunicorn's access log, gunicorn.conf.py; Django's
own lines such as "Not Found: /search/?q=…", through the `NoSearchTerms` filter in settings):
an address whose path, once percent-decoded, is the search page's (`/search/`, `/search`,
`/%73earch/`, or `/search/%3Fq=…`, which decodes to `/search/?q=…`) is logged as `/search/`,
without anything after it. Comparing after decoding is what makes `%3F` and `%73` no way round.

Plain Python, no Django: gunicorn's master reads it before Django is set up.
"""

import logging
import re
from urllib.parse import unquote, urlsplit, urlunsplit

SEARCH_PATH = "/search/"
_SEARCH = re.compile(r"/search(?:[/?#]|$)", re.IGNORECASE)


def is_search_path(path):
    """Does `path` (as requested, percent-encoded or not) lead to the search page?"""
    return bool(_SEARCH.match(unquote(path or "")))


def without_search_terms(address):
    """`address` (a path with its query, or a full URL such as a Referer) as a log may show
    it: the search page's address cut to `/search/`, any other left as it was."""
    if not address or address == "-":
        return address
    try:
        parts = urlsplit(address)
    except ValueError:  # an unreadable address (a bad IPv6 host): logged as nothing
        return "-"
    if is_search_path(parts.path):
        return urlunsplit(parts._replace(path=SEARCH_PATH, query="", fragment=""))
    return address


def without_search_terms_in(text):
    """Each address in `text` (words split by spaces, as in "GET /search/?q=… HTTP/1.1")
    without search terms."""
    if "earch" not in text.lower() and "%73" not in text.lower():
        return text
    return " ".join(without_search_terms(word) for word in text.split(" "))


def visible(text):
    """`text` with control and format characters written out ("\\x1b[31m"), so a requested
    path cannot colour, rewrite or split a log line (ESC sequences, backspace, a line break)."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


class NoSearchTerms(logging.Filter):
    """A logging filter: search terms cut from every string argument of a record (Django's
    "Not Found: %s" gives `request.path`, already decoded; the development server gives its
    request line) and from a message logged without arguments; control characters in those
    arguments written out (`visible()`)."""

    def filter(self, record):
        if isinstance(record.args, tuple):
            record.args = tuple(
                visible(without_search_terms_in(arg)) if isinstance(arg, str) else arg
                for arg in record.args
            )
        elif not record.args and isinstance(record.msg, str):
            record.msg = without_search_terms_in(record.msg)
        return True
