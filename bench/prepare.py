"""Fill a migrated, empty database with a generated data set, then describe the pages to measure.

Run by bench/run.py in a subprocess whose environment selects the database (DATABASE_URL):

    python bench/prepare.py --articles 1000 --therapists 200 [--static-copy PATH]

Fast at 10,000 items: Markdown is rendered once per distinct body and rows are bulk-created.
Prints one JSON object: the URL of each measured page and the SQL queries it runs (counted
in-process with the page cache off), and with --static-copy writes the article page's HTML
there, for the static-file ceiling.
"""

import argparse
import itertools
import json
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smarttherapy.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Topic  # noqa: E402
from core.markdown import reading_time_minutes, render_markdown  # noqa: E402
from therapists.models import Concern, Language, Membership, Modality, Therapist  # noqa: E402

SEED_SLUG = "the-space-between-coping-and-healing"
SEED_TITLE = (
    "The Space Between Coping and Healing: Why \u2018Getting By\u2019 Isn\u2019t the Same as "
    "Getting Better"
)
MODALITIES = [
    ("Integrative", "integrative"),
    ("Psychodynamic", "psychodynamic"),
    ("CBT", "cbt"),
    ("Mindfulness-based", "mindfulness-based"),
    ("Person-centred", "person-centred"),
    ("Systemic", "systemic"),
    ("EMDR", "emdr"),
    ("Schema therapy", "schema-therapy"),
]
CONCERNS = [
    "Anxiety",
    "Depression",
    "Trauma",
    "Relationships",
    "Grief",
    "Stress",
    "Self-esteem",
    "Anger",
    "Addiction",
    "Eating",
    "Sleep",
    "Work",
]
LANGUAGES = ["English", "Polish", "Spanish", "French", "Urdu", "Portuguese"]
TOPICS = ["Anxiety", "Relationships", "Self-care", "Trauma", "Starting therapy", "Grief"]
BATCH = 2000


def _bodies():
    """Markdown bodies: the demo articles' if present, else the shared seed, else generated."""
    folder = ROOT / "articles" / "demo_content"
    texts = {path.stem: path.read_text() for path in sorted(folder.glob("*.md"))}
    if not texts:
        seed = ROOT.parent / "shared" / "seed" / f"{SEED_SLUG}.txt"
        if seed.exists():
            texts[SEED_SLUG] = seed.read_text()
    if not texts:
        texts[SEED_SLUG] = "\n\n".join(
            f"## Part {i}\n\n" + "Some careful words about healing. " * 40 for i in range(8)
        )
    seed_body = texts.get(SEED_SLUG) or next(iter(texts.values()))
    rendered = [
        (body, render_markdown(body), reading_time_minutes(body)) for body in texts.values()
    ]
    return seed_body, rendered


def _slugged(model, names):
    return model.objects.bulk_create(
        [model(name=name, slug=name.lower().replace(" ", "-")) for name in names]
    )


def generate(article_count, therapist_count):
    now = timezone.now()
    modalities = []
    for order, (name, slug) in enumerate(MODALITIES):
        modality = Modality(
            name=name,
            slug=slug,
            summary=f"What {name} therapy is, in a sentence or two.",
            explainer=f"## What is {name}?\n\nAn explanation of the approach.",
            order=order,
        )
        modality.save()  # renders the explainer, as the admin would
        modalities.append(modality)
    concerns = _slugged(Concern, CONCERNS)
    languages = _slugged(Language, LANGUAGES)
    topics = [
        Topic.objects.create(name=name, slug=name.lower().replace(" ", "-")) for name in TOPICS
    ]

    bio = "## About me\n\n" + "I work gently, at your pace, with what brings you. " * 20
    bio_html = render_markdown(bio)
    therapists = Therapist.objects.bulk_create(
        [
            Therapist(
                name=f"Therapist {i:05d}",
                slug=f"therapist-{i:05d}",
                title="Integrative Psychotherapist",
                introduction="I offer a calm, confidential space to talk things through.",
                biography=bio,
                biography_html=bio_html,
                qualifications="MA Integrative Psychotherapy\nPGDip Counselling",
                offers_in_person=i % 2 == 0,
                offers_online=i % 3 != 0,
                offers_telephone=i % 5 == 0,
                works_with_couples=i % 4 == 0,
                fee=60 + (i % 5) * 10,
                reduced_fee_places=i % 3 == 0,
                accepting_new_clients=i % 7 != 0,
                # Confirmed by staff, as on the live site: without it no one counts as accepting
                # and the home page would look through every therapist for none.
                availability_confirmed_at=now - timedelta(days=i % 20),
                display_order=i % 10,
            )
            for i in range(therapist_count)
        ],
        batch_size=BATCH,
    )
    if not therapists[0].pk:  # backends that do not return ids from bulk_create
        therapists = list(Therapist.objects.order_by("pk"))

    def links(through, owner_field, owners, target_field, targets, per_owner):
        rows = []
        for i, owner in enumerate(owners):
            for k in range(per_owner):
                target = targets[(i + k * 3) % len(targets)]
                rows.append(
                    through(**{f"{owner_field}_id": owner.pk, f"{target_field}_id": target.pk})
                )
        # Two links of one owner never repeat a target, because per_owner < len(targets)/3 + 1.
        through.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)

    links(Therapist.modalities.through, "therapist", therapists, "modality", modalities, 3)
    links(Therapist.concerns.through, "therapist", therapists, "concern", concerns, 4)
    links(Therapist.languages.through, "therapist", therapists, "language", languages, 2)
    Membership.objects.bulk_create(
        [
            Membership(
                therapist_id=t.pk,
                body=body,
                level=f"Registered Member {body}",
                registration_number=f"{body}{t.pk:06d}",
                register_url="https://www.example.org/register",
            )
            for t in therapists
            for body in ("BACP", "UKCP")
        ],
        batch_size=BATCH,
    )

    seed_body, rendered = _bodies()
    seed_time = now - timedelta(hours=3)
    cycle = itertools.cycle(rendered)
    articles = []
    for i in range(max(article_count - 1, 0)):
        body, html, minutes = next(cycle)
        articles.append(
            Article(
                title=f"Generated article {i:05d} about getting better",
                slug=f"generated-article-{i:05d}",
                summary="A summary of this article, in a sentence or two, for lists and feeds.",
                body=body,
                body_html=html,
                reading_time=minutes,
                author_id=therapists[i % len(therapists)].pk if therapists else None,
                status=Article.Status.PUBLISHED,
                # Half older than the seed article and half newer, so it has both neighbours.
                publish_at=seed_time + timedelta(seconds=i - article_count // 2 + 0.5),
            )
        )
    articles = Article.objects.bulk_create(articles, batch_size=BATCH)
    if articles and not articles[0].pk:
        articles = list(Article.objects.order_by("pk"))
    links(Article.topics.through, "article", articles, "topic", topics, 2)
    links(Article.modalities.through, "article", articles, "modality", modalities, 1)

    # The measured article, saved the way the admin saves it (Markdown rendered on save).
    seed = Article(
        title=SEED_TITLE,
        slug=SEED_SLUG,
        summary="Coping keeps us going, but it isn\u2019t the same as healing.",
        body=seed_body,
        author=therapists[0] if therapists else None,
        status=Article.Status.PUBLISHED,
        publish_at=seed_time,
    )
    seed.save()
    seed.topics.set(topics[:3])
    seed.modalities.set(modalities[:4])
    return seed, therapists, modalities


def pages(seed, therapists, modalities):
    directory = reverse("therapists:directory")
    return {
        "article": seed.get_absolute_url(),
        "article_list": reverse("articles:list"),
        "directory": directory,
        "directory_filtered": f"{directory}?modality={modalities[0].slug}&format=online",
        "profile": therapists[len(therapists) // 2].get_absolute_url(),
        "home": "/",
        # The search page (never cached): a common word, a therapist's name, a typo and a
        # sentence of common words (every word common: the bounded ranking, search/ranking.py).
        "search_common": f"{reverse('search')}?q=healing",
        "search_name": f"{reverse('search')}?q={therapists[len(therapists) // 2].name.replace(' ', '+')}",
        "search_typo": f"{reverse('search')}?q=anxeity",
        "search_sentence": f"{reverse('search')}?q=my+GP+suggested+counselling",
    }


def count_queries(urls):
    client = Client()
    counts = {}
    for name, url in urls.items():
        client.get(url)  # warm per-process caches, as a running server would have them
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"bench: {url} answered {response.status_code}")
        counts[name] = len(captured.captured_queries)
    return counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--therapists", type=int, required=True)
    parser.add_argument("--static-copy", type=Path)
    args = parser.parse_args()

    seed, therapists, modalities = generate(args.articles, args.therapists)
    # Rows were bulk-created (no signals): fill the search index as after a bulk load.
    call_command("rebuild_search_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
    urls = pages(seed, therapists, modalities)
    result = {"pages": urls, "queries": count_queries(urls)}
    if args.static_copy:
        html = Client().get(urls["article"]).content
        args.static_copy.parent.mkdir(parents=True, exist_ok=True)
        args.static_copy.write_bytes(html)
        result["article_bytes"] = len(html)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
