"""What of the directory is searchable, and what a result shows (see search/registry.py).

Registered from TherapistsConfig.ready(): listed therapists, every modality (each has a page)
and the concerns at least one listed therapist helps with (a result opens the directory,
filtered by it).
"""

from django.db.models import Exists, OuterRef

import search
from search import link


def therapist_card(therapist):
    return {
        "name": therapist.name,
        "url": link("therapists:profile", slug=therapist.slug),
        "pronouns": therapist.pronouns,
        "title": therapist.title,
        "initials": therapist.initials,
        "photo_small": therapist.photo_small.url if therapist.photo_small else "",
        "photo_large": therapist.photo_large.url if therapist.photo_large else "",
        "photo_alt": therapist.photo_alt or therapist.name,
        "approaches": [modality.name for modality in therapist.modalities.all()],
        "accepting": therapist.accepting_new_clients,
    }


def modality_card(modality):
    return {
        "name": modality.name,
        "url": link("therapists:modality", slug=modality.slug),
        "summary": modality.summary,
        "directory_url": link("therapists:directory", {"modality": modality.slug}),
    }


def concern_card(concern):
    return {
        "name": concern.name,
        "url": link("therapists:directory", {"concern": concern.slug}),
        "what": "Therapists who can help with it",
    }


def register():
    from therapists.models import Concern, Modality, Therapist

    search.register(
        Therapist,
        kind="therapists",
        label="Therapists",
        order=10,
        queryset=lambda: Therapist.objects.listed(),
        fields={
            "name": "A",
            "title": "B",
            "introduction": "B",
            "modalities__name": "B",
            "concerns__name": "B",
            "biography_html": "C",
        },
        card=therapist_card,
        template="search/includes/cards/therapist.html",
    )
    search.register(
        Modality,
        kind="modalities",
        label="Approaches",
        order=20,
        queryset=lambda: Modality.objects.all(),
        fields={"name": "A", "summary": "B", "explainer_html": "C"},
        card=modality_card,
        template="search/includes/cards/modality.html",
    )
    search.register(
        Concern,
        kind="topics",
        label="Topics and concerns",
        order=30,
        queryset=lambda: Concern.objects.filter(
            Exists(Therapist.objects.listed().filter(concerns=OuterRef("pk")))
        ),
        fields={"name": "A"},
        card=concern_card,
        template="search/includes/cards/concern.html",
    )
