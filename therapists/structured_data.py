"""schema.org data for JSON-LD blocks (`{% load site %}{{ data|json_ld }}`)."""

from django.conf import settings
from django.urls import reverse

from core.site_url import absolute


def practice_data():
    """The practice as an organisation, for the home page and as a therapist's employer."""
    practice = settings.PRACTICE
    data = {
        "@type": "MedicalBusiness",
        "name": practice["name"],
        "description": practice["tagline"],
        "url": absolute(reverse("home")),
        "email": practice["email"],
        "telephone": practice["phone"],
        "address": practice["address"],
    }
    if practice.get("opening_hours"):
        # schema.org's format ("Mo-Fr 09:00-18:00"), not the words the pages show.
        data["openingHours"] = practice["opening_hours"]
    return data


def therapist_data(therapist, modalities=(), languages=()):
    data = {
        "@context": "https://schema.org",
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
    return data


def home_data():
    return {"@context": "https://schema.org", **practice_data()}
