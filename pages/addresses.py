"""A page's address: lower-case words joined by hyphens, with a / between levels ("fees",
"about/our-rooms"). Stored without slashes at either end; shown as /fees/.

A page is served only where no route of the site answers (its URL pattern comes last), so an
address that a route would take is refused when staff type it, with the reason in plain words.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve, reverse

SEGMENT = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ADDRESS = rf"{SEGMENT}(?:/{SEGMENT}){{0,3}}"
_ADDRESS = re.compile(rf"^{ADDRESS}$")
MAX_LENGTH = 200


def normalise(typed):
    """What staff typed ("/Fees/", " about/our-rooms ") as stored ("fees", "about/our-rooms")."""
    return (typed or "").strip().strip("/").lower()


def validate_address(value):
    if not _ADDRESS.match(value or ""):
        raise ValidationError(
            "Use lower-case letters, numbers and hyphens, with a / between levels, "
            "e.g. fees or about/our-rooms (at most four levels).",
            code="invalid",
        )


def route_taking(address):
    """The path of the site's own page that `address` would be hidden by, or None."""
    private = [settings.STATIC_URL, settings.MEDIA_URL, "/" + settings.ADMIN_URL.lstrip("/")]
    for prefix in private:
        prefix = "/" + (prefix or "").strip("/") + "/"
        if prefix != "//" and f"/{address}/".startswith(prefix):
            return prefix
    for path in (f"/{address}/", f"/{address}"):
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.view_name != "pages:page":
            return path
    return None


def validate_free(address):
    taken = route_taking(address)
    if taken is not None:
        raise ValidationError(
            f"The site already has a page of its own at {taken}, so a page at /{address}/ "
            "could never be seen. Choose another address.",
            code="taken",
        )


def page_url(address):
    """The site's URL of the page at `address` ("fees" -> "/fees/")."""
    return reverse("pages:page", kwargs={"path": address})
