"""Paths as this site stores and compares them: one function for each use, used everywhere.

- `normalise_path(path)`: an old address as a redirect stores and looks it up. Percent-decoded
  once, NFC-normalised, starting with /, in lower case: `/caf%C3%A9`, `/café`, `/CAF%c3%a9` and
  `/cafe\u0301` (e + a combining accent) are one address.
- `report_path(path)`: a path as the "Not found" report or a problem report stores it, or "" if
  it must not be stored (see its docstring).

`%2F` decodes to `/`, as every WSGI server decodes it in the request's path: a visitor to
`/a%2Fb` and one to `/a/b` both arrive as `/a/b`, so a redirect cannot tell them apart and
stores both as `/a/b`. Two stored rows that became one address this way are merged, and
reported, by the migration that normalised them (redirects/migrations/0003), never silently.

A path that is not valid UTF-8 once decoded (`/%FF`) is kept as typed: it can still match the
same bytes, which Django gives as `%FF` in `request.path`.
"""

import unicodedata
from urllib.parse import unquote

MAX_PATH = 500
# The "Not found" report and problem reports keep paths up to this long (an old page's
# address is far shorter; a longer one is a robot's and is cut).
MAX_REPORT_PATH = 300


def decode(path):
    """`path` percent-decoded once and NFC-normalised; kept as typed where the bytes are not
    UTF-8."""
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        decoded = path
    return unicodedata.normalize("NFC", decoded)


def normalise_path(path, decoded=False):
    """An old address as stored and compared: whatever its case, its percent-encoding or its
    Unicode form. `decoded=True` for `request.path`, which Django has already decoded (it is
    not decoded twice: `/100%2541` stays `/100%41`)."""
    path = (path or "").strip()
    path = unicodedata.normalize("NFC", path) if decoded else decode(path)
    if not path.startswith("/"):
        path = "/" + path
    return path.lower()


def has_unstorable(text):
    """Characters no database column here may hold: NUL (PostgreSQL refuses it in text)."""
    return "\x00" in text


def _visible(char):
    # Category C: Cc (control: NUL, ESC, bell), Cf (format: zero-width, bidi), Cs, Co, Cn.
    return not unicodedata.category(char).startswith("C")


def has_invisible(text):
    """Control, format or unassigned characters: nothing an address typed by a person holds."""
    return not all(_visible(char) for char in text)


def report_path(path, decoded=True):
    """`path` (by default `request.path`, already decoded) as a report stores it, or "".

    Decoded (once, if `decoded` is False) and NFC-normalised; control and format characters
    removed (ESC sequences, NUL, zero-width and direction characters); cut to MAX_REPORT_PATH
    characters. Refused ("") if it holds a `?` (a query decoded from `%3F`: a search term must
    never be stored), starts with `//` or holds a backslash (read as another host by browsers),
    or does not start with `/`. Whether it is a live page is the caller's question (the report
    leaves out `core.content.public_pages()` when it records a batch).
    """
    path = unicodedata.normalize("NFC", path or "") if decoded else decode(path or "")
    path = "".join(char for char in path if _visible(char))
    if not path.startswith("/") or path.startswith("//") or "?" in path or "\\" in path:
        return ""
    return path[:MAX_REPORT_PATH]
