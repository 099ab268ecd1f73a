"""Small builders for test data: each makes one saved object with sensible defaults."""

import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Topic
from enquiries.models import Enquiry
from therapists.models import Concern, Language, Modality, Therapist

_sequence = itertools.count(1)


def _n():
    return next(_sequence)


def make_modality(name=None, **fields):
    name = name or f"Modality {_n()}"
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    fields.setdefault("summary", f"What {name} is, in a sentence.")
    fields.setdefault("explainer", f"## What is {name}?\n\nAn explanation.")
    return Modality.objects.create(name=name, **fields)


def make_concern(name=None, **fields):
    name = name or f"Concern {_n()}"
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    return Concern.objects.create(name=name, **fields)


def make_language(name=None, **fields):
    name = name or f"Language {_n()}"
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    return Language.objects.create(name=name, **fields)


def make_therapist(name=None, modalities=(), concerns=(), languages=(), **fields):
    name = name or f"Therapist {_n()}"
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    fields.setdefault("title", "Integrative Psychotherapist")
    fields.setdefault("introduction", f"{name} works gently and at your pace.")
    fields.setdefault("biography", f"## About {name}\n\nA biography.")
    fields.setdefault("fee", 70)
    therapist = Therapist.objects.create(name=name, **fields)
    therapist.modalities.set(modalities)
    therapist.concerns.set(concerns)
    therapist.languages.set(languages)
    return therapist


def make_topic(name=None, **fields):
    name = name or f"Topic {_n()}"
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    return Topic.objects.create(name=name, **fields)


def make_article(title=None, topics=(), modalities=(), published=True, days_ago=1, **fields):
    """A published article `days_ago` days old; negative days_ago schedules it in the future."""
    title = title or f"Article {_n()}"
    fields.setdefault("slug", title.lower().replace(" ", "-").replace("'", ""))
    fields.setdefault("summary", f"A summary of {title}.")
    fields.setdefault("body", f"## {title}\n\nSome words about {title}.")
    fields.setdefault("status", Article.Status.PUBLISHED if published else Article.Status.DRAFT)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=days_ago))
    article = Article.objects.create(title=title, **fields)
    article.topics.set(topics)
    article.modalities.set(modalities)
    return article


def make_staff_user(username="staff", password="a-long-test-password-123", **fields):
    fields.setdefault("is_staff", True)
    user = get_user_model().objects.create_user(username=username, password=password, **fields)
    return user


def make_enquiry(name=None, days_ago=0, **fields):
    """A saved enquiry; `days_ago` back-dates when it was received."""
    name = name or f"Visitor {_n()}"
    fields.setdefault("email", f"{name.lower().replace(' ', '.')}@example.org")
    fields.setdefault("message", "I would like some help with anxiety.")
    fields.setdefault("consent", True)
    fields.setdefault("consented_at", timezone.now())
    enquiry = Enquiry.objects.create(name=name, **fields)
    if days_ago:
        # created_at is set automatically on create, so move it back afterwards.
        received = timezone.now() - timedelta(days=days_ago)
        Enquiry.objects.filter(pk=enquiry.pk).update(created_at=received)
        enquiry.refresh_from_db()
    return enquiry


def article_form_data(article=None, **overrides):
    """What the article change form posts: `article`'s values, or a new draft's ("Finding
    calm", dated now), with no source in the sources inline; `overrides` win."""
    when = timezone.localtime(article.publish_at if article else None)
    data = {
        "title": article.title if article else "Finding calm",
        "slug": article.slug if article else "finding-calm",
        "summary": article.summary if article else "How to find a little calm.",
        "body": article.body if article else "## Breathe\n\nSlowly, in and out.",
        "status": article.status if article else "draft",
        "publish_at_0": when.strftime("%d/%m/%Y"),
        "publish_at_1": when.strftime("%H:%M:%S"),
        "author": (article.author_id or "") if article else "",
        "reviewer": (article.reviewer_id or "") if article else "",
        "review_note": "",
        "next_review_due": "",
        "hero_image_alt": "",
        "seo_title": "",
        "seo_description": "",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "_save": "Save",
    }
    data.update(overrides)
    return data
