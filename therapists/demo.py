"""Demo content for the therapists app, loaded by `manage.py load_demo`.

The content itself is in therapists/demo_content/ (TOML, the longer texts in Markdown): the
lists the therapists draw on, the approaches to therapy and the therapists. Every therapist is
fictional. Their portraits are generated: a soft coloured square with their initials, never a
photo of a real person.
"""

import tomllib
from datetime import timedelta
from io import BytesIO
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from core import dates
from therapists.models import Concern, Language, Membership, Modality, Therapist

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"


def read(name):
    """One of the demo content files, as Python data."""
    with (CONTENT_DIR / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def placeholder_portrait(initials, background, ink, size=(600, 750)):
    """A PNG portrait placeholder: the initials centred on a soft coloured background."""
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((90, 165, 510, 585), outline=ink, width=6)
    font = ImageFont.load_default(size=170)
    draw.text((size[0] / 2, size[1] / 2), initials, fill=ink, font=font, anchor="mm")
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


def load():
    """Create whatever demo content is missing. What exists already is left as it is, edits
    included, so running it again changes nothing and duplicates nothing."""
    lists = read("lists")
    modalities = {}
    for data in read("modalities")["modality"]:
        fields = dict(data)
        slug = fields.pop("slug")
        modalities[slug], _ = Modality.objects.get_or_create(slug=slug, defaults=fields)
    concerns = {
        slug: Concern.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in lists["concerns"].items()
    }
    languages = {
        slug: Language.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in lists["languages"].items()
    }
    colours = lists["portraits"]["colours"]
    existing = {therapist.slug: therapist for therapist in Therapist.objects.all()}
    for position, data in enumerate(read("therapists")["therapist"]):
        therapist = existing.get(data["slug"])
        if therapist is None:
            therapist = _create_therapist(data, position, modalities, concerns, languages, lists)
            _draw_portrait(therapist, colours[position % len(colours)])
        elif therapist.photo and not therapist.photo.storage.exists(therapist.photo.name):
            # A fresh media folder beside an existing database: draw the lost portrait again.
            _draw_portrait(therapist, colours[position % len(colours)])
        _add_trust_details(therapist, data, position)


def _add_trust_details(therapist, data, position):
    """The first step and checked registrations, for a demo therapist made before they existed
    (or just now). Only fields still empty are filled in: an edit is never undone."""
    details = {
        name: value
        for name, value in data.get("practicalities", {}).items()
        if not getattr(therapist, name)
    }
    if details and not therapist.first_step:
        for name, value in details.items():
            setattr(therapist, name, value)
        days = data.get("confirmed_days_ago", position)
        if therapist.accepting_new_clients:
            therapist.availability_confirmed_at = timezone.now() - timedelta(days=days)
        therapist.save(update_fields=[*details, "availability_confirmed_at", "updated_at"])
    checked = {
        m["number"]: m["checked_days_ago"] for m in data["membership"] if "checked_days_ago" in m
    }
    for membership in therapist.memberships.filter(checked_on__isnull=True):
        days = checked.get(membership.registration_number, 20 + 9 * position)
        membership.checked_on = dates.today() - timedelta(days=days)
        membership.save(update_fields=["checked_on"])


def _create_therapist(data, position, modalities, concerns, languages, lists):
    fields = {
        key: data[key]
        for key in (
            "name",
            "pronouns",
            "title",
            "introduction",
            "biography",
            "qualifications",
            "fee",
            "reduced_fee_places",
            "accepting_new_clients",
        )
    }
    for option in ("in_person", "online", "telephone"):
        fields[f"offers_{option}"] = option in data["formats"]
    fields["offers_evenings"] = data.get("evenings", False)
    for group in ("adults", "couples", "young_people"):
        fields[f"works_with_{group}"] = group in data["groups"]
    fields["display_order"] = (position + 1) * 10
    therapist = Therapist.objects.create(slug=data["slug"], **fields)
    therapist.modalities.set([modalities[slug] for slug in data["modalities"]])
    therapist.concerns.set([concerns[slug] for slug in data["concerns"]])
    therapist.languages.set([languages[slug] for slug in data["languages"]])
    for membership in data["membership"]:
        Membership.objects.create(
            therapist=therapist,
            body=membership["body"],
            level=membership["level"],
            registration_number=membership["number"],
            register_url=lists["registers"][membership["body"]],
        )
    return therapist


def _draw_portrait(therapist, colours):
    background, ink = colours
    # No resized copies either (a lost media folder lost them too): save() makes new ones.
    therapist.photo = therapist.photo_small = therapist.photo_large = None
    therapist.photo.save(
        f"{therapist.slug}.png",
        placeholder_portrait(therapist.initials, background, ink),
        save=False,
    )
    therapist.photo_alt = f"Illustrated placeholder portrait with the initials {therapist.initials}"
    therapist.save()
