"""Demo content for the articles app, loaded by `manage.py load_demo`.

The topics and articles (with their reviews and sources) are in
articles/demo_content/articles.toml, each article's text in the Markdown file of its slug.
Dates are fixed so that the order never changes: the seed article ("The Space Between Coping
and Healing") is followed, as on the original site, by "Attachment Styles in Adult
Relationships: A Therapist's Guide" ("Next article" is the next newer one). One draft and one
scheduled article show that neither is visible to visitors.
"""

import tomllib
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone

from articles.models import Article, Source, Topic
from core import dates
from therapists.models import Modality, Therapist

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"
LONDON = ZoneInfo("Europe/London")

DRAFT = "draft"
SCHEDULED = "scheduled"


def read():
    """articles/demo_content/articles.toml: the topics and the articles (with their reviews and
    sources), publish times made aware in London time."""
    with (CONTENT_DIR / "articles.toml").open("rb") as handle:
        data = tomllib.load(handle)
    for spec in data["article"]:
        if "publish_at" in spec:
            spec["publish_at"] = spec["publish_at"].replace(tzinfo=LONDON)
    return data


def _author(preferred_slugs, modality_slugs):
    """A listed demo therapist: one named, else one practising the first modality, else none.

    The therapists' demo content may be missing or different, so nothing here is required.
    """
    listed = Therapist.objects.listed()
    for slug in preferred_slugs:
        therapist = listed.filter(slug=slug).first()
        if therapist:
            return therapist
    if modality_slugs:
        return listed.filter(modalities__slug=modality_slugs[0]).first()
    return None


def load():
    """Create whatever demo content is missing. What exists already is left as it is, edits
    included, so running it again changes nothing and duplicates nothing."""
    data = read()
    topics = {}
    for topic in data["topic"]:
        topics[topic["slug"]], _ = Topic.objects.get_or_create(
            slug=topic["slug"],
            defaults={"name": topic["name"], "description": topic["description"]},
        )
    existing = set(Article.objects.values_list("slug", flat=True))
    for spec in data["article"]:
        if spec["slug"] not in existing:
            _create_article(dict(spec), topics)
    for spec in data["article"]:
        if "review" in spec:
            review = spec["review"]
            _add_review(spec["slug"], review["reviewer"], review["days_ago"], spec["source"])


def _add_review(slug, reviewer_slug, days_ago, sources):
    """A review and sources for a demo article that has neither yet (made before they existed,
    or just now); an article staff have reviewed or given sources is left as it is."""
    article = Article.objects.filter(slug=slug).first()
    reviewer = Therapist.objects.listed().filter(slug=reviewer_slug).first()
    if article is None:
        return
    if reviewer is not None and article.last_reviewed is None:
        article.record_review(reviewer, today=dates.today() - timedelta(days=days_ago))
        article.save(update_fields=["reviewer", "last_reviewed", "next_review_due"])
    if not article.sources.exists():
        for order, source in enumerate(sources):
            Source.objects.create(
                article=article,
                title=source["title"],
                publisher=source["publisher"],
                url=source.get("url", ""),
                year=source.get("year"),
                order=order,
            )


def _create_article(spec, topics):
    spec.pop("review", None)
    spec.pop("source", None)
    slug = spec.pop("slug")
    state = spec.pop("state", None)
    topic_slugs = spec.pop("topics")
    modality_slugs = spec.pop("modalities")
    spec["author"] = _author(spec.pop("authors"), modality_slugs)
    spec["body"] = (CONTENT_DIR / f"{slug}.md").read_text(encoding="utf-8")
    spec["status"] = Article.Status.DRAFT if state == DRAFT else Article.Status.PUBLISHED
    if state == SCHEDULED:
        # Scheduled three weeks after the first load.
        spec["publish_at"] = timezone.now() + timedelta(days=21)
    article = Article.objects.create(slug=slug, **spec)
    article.topics.set([topics[t] for t in topic_slugs])
    article.modalities.set(Modality.objects.filter(slug__in=modality_slugs))
