"""Every public page type, as (name, path) pairs, for the accessibility and layout checks."""

import contextlib

from django.urls import NoReverseMatch, reverse

from articles.models import Article, Topic
from therapists.models import Modality, Therapist

SEED_SLUG = "the-space-between-coping-and-healing"


def page_types():
    """One address per page type, taken from the demo content on the live site."""
    topic = Topic.objects.filter(articles__in=Article.objects.published()).first()
    therapist = Therapist.objects.listed().first()
    modality = Modality.objects.get(slug="cbt")
    pages = [
        ("home", reverse("home")),
        ("article-list", reverse("articles:list")),
        ("article", Article.objects.published().get(slug=SEED_SLUG).get_absolute_url()),
        ("topic", topic.get_absolute_url()),
        ("directory", reverse("therapists:directory")),
        ("directory-filtered", reverse("therapists:directory") + "?modality=cbt&format=online"),
        ("profile", therapist.get_absolute_url()),
        ("modality-list", reverse("therapists:modalities")),
        ("modality", modality.get_absolute_url()),
        ("not-found", "/no-such-page/"),
    ]
    for name, url_name in (("contact", "enquiries:contact"), ("privacy", "enquiries:privacy")):
        with contextlib.suppress(NoReverseMatch):  # until the enquiries app lands
            pages.append((name, reverse(url_name)))
    return pages
