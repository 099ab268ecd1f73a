"""Every public page type, as (name, path) pairs, for the accessibility and layout checks."""

from django.urls import reverse

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
        ("contact", reverse("enquiries:contact")),
        ("privacy", reverse("enquiries:privacy")),
        ("not-found", "/no-such-page/"),
    ]
    return pages
