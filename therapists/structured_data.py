"""schema.org data for JSON-LD blocks (`{% load site %}{{ data|json_ld }}`)."""

import phonenumbers
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from core.site_url import absolute


def international_phone(number):
    """ "020 7946 0000" as "+44 20 7946 0000" (read in PHONENUMBER_DEFAULT_REGION); a number
    libphonenumber cannot read is given as it is."""
    try:
        parsed = phonenumbers.parse(number, settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def share_image():
    """The practice's picture for shared pages without one of their own: (url, width, height,
    alt), from settings.PRACTICE."""
    practice = settings.PRACTICE
    return {
        "url": absolute(static(practice["share_image"])),
        "width": practice["share_image_width"],
        "height": practice["share_image_height"],
        "alt": practice["share_image_alt"],
    }


def logo_data():
    size = settings.PRACTICE["logo_size"]
    url = absolute(static(settings.PRACTICE["logo"]))
    return {"@type": "ImageObject", "url": url, "width": size, "height": size}


def practice_data():
    """The practice as a local business, for the home page, as a therapist's employer and as
    the publisher (and, for an article whose author is not listed, the author) of articles."""
    practice = settings.PRACTICE
    data = {
        "@type": "MedicalBusiness",
        "name": practice["name"],
        "description": practice["tagline"],
        "url": absolute(reverse("home")),
        "logo": logo_data(),
        "image": share_image()["url"],
        "email": practice["email"],
        "telephone": international_phone(practice["phone"]),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": practice["street"],
            "addressLocality": practice["locality"],
            "postalCode": practice["postcode"],
            "addressCountry": practice["country"],
        },
    }
    contact_point = {
        "@type": "ContactPoint",
        "contactType": "new client enquiries",
        "email": practice["email"],
        "telephone": international_phone(practice["phone"]),
        "url": absolute(reverse("enquiries:contact")),
    }
    if practice.get("reply_within"):
        contact_point["description"] = f"We reply {practice['reply_within']}."
    data["contactPoint"] = contact_point
    if practice.get("opening_hours"):
        # schema.org's format ("Mo-Fr 09:00-18:00"), not the words the pages show.
        data["openingHours"] = practice["opening_hours"]
    return data


def therapist_data(therapist, modalities=(), languages=()):
    """A ProfilePage (what Google reads a profile page as) whose main entity is the therapist."""
    data = {
        "@type": "Person",
        "name": therapist.name,
        "url": absolute(therapist.get_absolute_url()),
        "jobTitle": therapist.title,
        "description": therapist.introduction,
        "worksFor": practice_data(),
    }
    if therapist.photo_large:
        data["image"] = absolute(therapist.photo_large.url)
    if modalities:
        data["knowsAbout"] = [modality.name for modality in modalities]
    if languages:
        data["knowsLanguage"] = [language.name for language in languages]
    memberships = [membership.body for membership in therapist.memberships.all()]
    if memberships:
        data["memberOf"] = [{"@type": "Organization", "name": body} for body in memberships]
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": data["url"],
        "dateModified": therapist.updated_at.isoformat(),
        "mainEntity": data,
    }


def home_data():
    return {"@context": "https://schema.org", **practice_data()}
