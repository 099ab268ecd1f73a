"""Demo content for the articles app, loaded by `manage.py load_demo`.

The article bodies are Markdown files in articles/demo_content/. Dates are fixed so that the
order never changes: the seed article ("The Space Between Coping and Healing") is followed,
as on the original site, by "Attachment Styles in Adult Relationships: A Therapist's Guide"
("Next article" is the next newer one). One draft and one scheduled article show that neither
is visible to visitors.
"""

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone

from articles.models import Article, Source, Topic
from core import dates
from therapists.models import Modality, Therapist

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"
LONDON = ZoneInfo("Europe/London")

TOPICS = [
    ("Anxiety", "anxiety", "Understanding worry and panic, and what helps."),
    ("Relationships", "relationships", "Partners, families and the patterns between us."),
    ("Self-care", "self-care", "Small, practical ways of looking after yourself."),
    ("Trauma", "trauma", "How overwhelming experiences live on, and how people recover."),
    ("Starting therapy", "starting-therapy", "What to expect, and how to find the right fit."),
    ("Grief", "grief", "Living with loss."),
]


def _when(year, month, day, hour=9):
    return datetime(year, month, day, hour, 0, tzinfo=LONDON)


DRAFT = "draft"
SCHEDULED = "scheduled"

ARTICLES = [
    {
        "slug": "the-space-between-coping-and-healing",
        "title": "The Space Between Coping and Healing: "
        "Why \u2018Getting By\u2019 Isn\u2019t the Same as Getting Better",
        "summary": "Coping keeps us going, but it isn\u2019t the same as healing. How to tell "
        "the difference, and how therapy helps you move from getting by to getting better.",
        "seo_title": "The Space Between Coping and Healing",
        # The original closing section, "Ready to Begin the Healing Journey?", is the box
        # after the article (with its "Browse our therapists" button), not part of the text.
        "cta_heading": "Ready to Begin the Healing Journey?",
        "cta_text": "At Smart Therapy, our experienced therapists offer a range of approaches "
        "- from integrative and psychodynamic to CBT and mindfulness-based therapy.\n\n"
        "Whether you\u2019re beginning therapy for the first time or returning after a break, "
        "we\u2019ll help you find a therapist who feels like the right fit for you.",
        "publish_at": _when(2025, 10, 14),
        "topics": ["anxiety", "trauma", "self-care"],
        "modalities": ["integrative", "psychodynamic", "cbt", "mindfulness-based"],
        "authors": ["amelia-hart"],
    },
    {
        "slug": "attachment-styles-in-adult-relationships",
        "title": "Attachment Styles in Adult Relationships: A Therapist's Guide",
        "summary": "Secure, anxious, avoidant or disorganised: how early experiences shape the "
        "way we love, and how patterns can change.",
        "publish_at": _when(2025, 10, 28),
        "topics": ["relationships"],
        "modalities": ["psychodynamic", "integrative"],
        "authors": ["zofia-nowak"],
    },
    {
        "slug": "five-minute-grounding-practices",
        "title": "Five-Minute Grounding Practices for Anxious Moments",
        "summary": "Simple ways of steadying your body when anxiety rises, and when to ask "
        "for more help.",
        "publish_at": _when(2025, 9, 30),
        "topics": ["anxiety", "self-care"],
        "modalities": ["mindfulness-based"],
        "authors": ["sam-whitfield"],
    },
    {
        "slug": "what-happens-in-a-first-therapy-session",
        "title": "What Happens in a First Therapy Session?",
        "summary": "Booking a first appointment takes courage. Here is what usually happens "
        "before, during and after it.",
        "publish_at": _when(2025, 9, 16),
        "topics": ["starting-therapy"],
        "modalities": [],
        "authors": [],
    },
    {
        "slug": "understanding-trauma-responses",
        "title": "Understanding Trauma Responses: Fight, Flight, Freeze and Fawn",
        "summary": "Why we react as we do to danger, why the alarm can keep ringing, and how "
        "trauma-informed therapy helps.",
        "publish_at": _when(2025, 9, 2),
        "topics": ["trauma"],
        "modalities": ["integrative", "psychodynamic"],
        "authors": ["priya-raman"],
    },
    {
        "slug": "self-compassion-is-not-self-indulgence",
        "title": "Self-Compassion Is Not Self-Indulgence",
        "summary": "Why kindness towards yourself builds resilience rather than complacency, "
        "with one small practice to try.",
        "publish_at": _when(2025, 8, 19),
        "topics": ["self-care"],
        "modalities": ["mindfulness-based"],
        "authors": ["lucia-fernandez"],
    },
    {
        "slug": "how-cbt-works",
        "title": "How Cognitive Behavioural Therapy Works",
        "summary": "Thoughts, feelings and actions: what CBT is, what sessions are like, and "
        "who it suits.",
        "publish_at": _when(2025, 8, 5),
        "topics": ["anxiety", "starting-therapy"],
        "modalities": ["cbt"],
        "authors": ["daniel-okafor"],
    },
    {
        "slug": "grief-at-the-festive-season",
        "title": "Grief at the Festive Season",
        "summary": "Why holidays can sharpen the absence of someone we have lost, and ways "
        "of getting through them.",
        "publish_at": _when(2025, 11, 20),
        "state": DRAFT,
        "topics": ["grief"],
        "modalities": ["integrative"],
        "authors": ["amelia-hart"],
    },
    {
        "slug": "couples-therapy-when-to-start",
        "title": "Couples Therapy: When Is the Right Time to Start?",
        "summary": "Signs that couples therapy may help, and what to expect from it.",
        "state": SCHEDULED,
        "topics": ["relationships"],
        "modalities": ["integrative"],
        "authors": ["zofia-nowak"],
    },
]


NHS_TALKING = "https://www.nhs.uk/mental-health/talking-therapies-medicine-treatments/"

# Each article's clinical reviewer (a demo therapist), how many days ago it was reviewed, and its
# sources (title, publisher, link, year). "How CBT works" was reviewed 13 months ago, so it is
# past its review date: its page shows the note and the admin lists it under "Reviews due".
REVIEWS = {
    "the-space-between-coping-and-healing": (
        "priya-raman",
        40,
        [
            ("Talking therapies and counselling", "NHS", NHS_TALKING, None),
            ("Coping with stress", "Mind", "https://www.mind.org.uk/", None),
        ],
    ),
    "attachment-styles-in-adult-relationships": (
        "amelia-hart",
        60,
        [
            ("Attachment and Loss, Volume 1: Attachment", "Basic Books", "", 1969),
            (
                "Romantic love conceptualized as an attachment process",
                "Journal of Personality and Social Psychology",
                "https://doi.org/10.1037/0022-3514.52.3.511",
                1987,
            ),
        ],
    ),
    "five-minute-grounding-practices": (
        "daniel-okafor",
        90,
        [
            (
                "Generalised anxiety disorder and panic disorder in adults: management (CG113)",
                "NICE",
                "https://www.nice.org.uk/guidance/cg113",
                2011,
            )
        ],
    ),
    "what-happens-in-a-first-therapy-session": (
        "zofia-nowak",
        20,
        [("Talking therapies and counselling", "NHS", NHS_TALKING, None)],
    ),
    "understanding-trauma-responses": (
        "amelia-hart",
        120,
        [
            (
                "Post-traumatic stress disorder (NG116)",
                "NICE",
                "https://www.nice.org.uk/guidance/ng116",
                2018,
            )
        ],
    ),
    "self-compassion-is-not-self-indulgence": (
        "sam-whitfield",
        150,
        [
            (
                "Self-compassion: an alternative conceptualization of a healthy attitude "
                "toward oneself",
                "Self and Identity",
                "https://doi.org/10.1080/15298860309032",
                2003,
            )
        ],
    ),
    "how-cbt-works": (
        "tom-ashworth",
        396,
        [
            ("Talking therapies and counselling", "NHS", NHS_TALKING, None),
            (
                "Depression in adults: treatment and management (NG222)",
                "NICE",
                "https://www.nice.org.uk/guidance/ng222",
                2022,
            ),
        ],
    ),
}


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
    topics = {}
    for name, slug, description in TOPICS:
        topics[slug], _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    existing = set(Article.objects.values_list("slug", flat=True))
    for spec in ARTICLES:
        if spec["slug"] not in existing:
            _create_article(dict(spec), topics)
    for slug, (reviewer_slug, days_ago, sources) in REVIEWS.items():
        _add_review(slug, reviewer_slug, days_ago, sources)


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
        for order, (title, publisher, url, year) in enumerate(sources):
            Source.objects.create(
                article=article, title=title, publisher=publisher, url=url, year=year, order=order
            )


def _create_article(spec, topics):
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
