"""What of the directory is searchable, and what a result shows (see search/registry.py).

Registered from TherapistsConfig.ready(): listed therapists (with their facts in words: languages,
formats, evenings, reduced fees, who they work with, access), every modality (each has a page)
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


def therapist_facts(therapist):
    """What the directory knows of a therapist, in the words a visitor searches with
    ("polish speaking", "online CBT", "evening appointments", "reduced fee"). It reads the
    therapist's own fields and their languages (a relation in `fields`), so changing any of
    them updates the entry."""
    languages = [language.name for language in therapist.languages.all()]
    facts = []
    if languages:
        facts.append(f"Speaks {', '.join(languages)}. Sessions in {', '.join(languages)}.")
    formats = {
        "offers_online": "Online sessions by video.",
        "offers_in_person": "In-person sessions, face to face.",
        "offers_telephone": "Telephone sessions.",
        "offers_evenings": "Evening appointments.",
        "reduced_fee_places": "Reduced-fee places, lower cost.",
        "works_with_adults": "Works with adults.",
        "works_with_couples": "Works with couples.",
        "works_with_young_people": "Works with young people.",
        "works_with_families": "Works with families.",
        "access_step_free": "Step-free access.",
        "access_ground_floor": "Ground-floor room.",
        "access_hearing_loop": "Hearing loop.",
    }
    facts += [words for name, words in formats.items() if getattr(therapist, name)]
    if therapist.works_with_young_people and therapist.young_people_ages:
        facts.append(f"Young people aged {therapist.young_people_ages}.")
    return facts


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
            "languages__name": "B",
            "biography_html": "C",
        },
        extra={"B": therapist_facts},
        card=therapist_card,
        template="search/includes/cards/therapist.html",
        people=True,
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
