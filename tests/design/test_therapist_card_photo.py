"""The therapist card shows the whole portrait: the box the stylesheet draws has the shape of the
rendition the card shows, so `object-fit: cover` has nothing to cut off."""

import re
from fractions import Fraction
from pathlib import Path

from therapists.models import LARGE, SMALL

ROOT = Path(__file__).resolve().parents[2]
STYLESHEET = ROOT / "static" / "css" / "site.css"
CARD = ROOT / "templates" / "includes" / "therapist_card.html"


def declarations_for(selector, css):
    """The declarations of every rule whose selector list names `selector`, in order."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if selector in (s.strip() for s in selectors.split(",")):
            found += [tuple(part.strip() for part in d.split(":", 1)) for d in body.split(";")]
    return [d for d in found if len(d) == 2]


def ratio(text):
    width, height = (Fraction(n.strip()) for n in text.split("/"))
    return width / height


def test_card_photo_is_drawn_in_the_shape_of_the_portrait_rendition():
    declarations = declarations_for(".therapist-card__photo", STYLESHEET.read_text("utf-8"))
    aspect_ratios = [value for name, value in declarations if name == "aspect-ratio"]

    assert aspect_ratios, "the card photo has no aspect-ratio: its box could take any shape"
    portrait = Fraction(*SMALL)
    assert Fraction(*LARGE) == portrait
    for value in aspect_ratios:
        assert ratio(value) == portrait, f"aspect-ratio {value} crops the {SMALL} portrait"


def test_card_photo_reserves_the_size_of_the_small_rendition():
    img = re.search(r'<img class="therapist-card__photo"[^>]*>', CARD.read_text("utf-8")).group(0)

    width = int(re.search(r'\bwidth="(\d+)"', img).group(1))
    height = int(re.search(r'\bheight="(\d+)"', img).group(1))
    assert (width, height) == SMALL
