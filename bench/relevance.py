"""Relevance of the site search on the demo content: realistic queries, each with the page it
must show among the first five results of its group (issue 24).

`evaluate()` runs them against the database in use (the demo content loaded) and gives, per
query, the position of the expected page within its group of results (therapists,
approaches, topics and concerns, articles: the page shows five of each), or None. `summary()`
turns that into hits in the top five and the mean reciprocal rank. tests/search/test_relevance.py
runs it on SQLite and PostgreSQL; `make bench` (bench/run.py, measure()) writes the figures into
bench/results.json and docs/search.md.

Expected pages are written as kind:slug: therapist, modality, concern, topic or article; a
query may accept any of several ("a|b").
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "search.md"
TOP = 5

# query -> the page (or pages) it must show in its group's first five results.
QUERIES = {
    # Natural phrases: visitors type sentences, not keywords.
    "panic attacks": "concern:anxiety",
    "coping strategies": "article:the-space-between-coping-and-healing",
    "my GP suggested counselling": "topic:starting-therapy|article:what-happens-in-a-first-therapy-session",
    "relationship problems with my partner": "concern:relationships",
    "what happens in the first session": "article:what-happens-in-a-first-therapy-session",
    "how does CBT work": "article:how-cbt-works",
    "feeling anxious all the time": "concern:anxiety",
    "my partner and I keep arguing": "concern:relationships",
    "grief after losing my mum": "concern:grief",
    "stress at work": "concern:stress",
    "being kind to myself": "article:self-compassion-is-not-self-indulgence",
    "difference between coping and healing": "article:the-space-between-coping-and-healing",
    "fight flight freeze": "article:understanding-trauma-responses",
    "anxious attachment": "article:attachment-styles-in-adult-relationships",
    "grounding exercises for anxiety": "article:five-minute-grounding-practices",
    "booking a first appointment": "article:what-happens-in-a-first-therapy-session",
    # The practice's vocabulary: UK/US spellings, lay words, one word for who helps.
    "bereavement": "concern:grief",
    "bereavement counselling": "therapist:rhys-morgan|therapist:zofia-nowak|therapist:priya-raman",
    "cognitive behavioral therapy": "modality:cbt",
    "cognitive behavioural therapy": "modality:cbt",
    "behavior therapy": "modality:cbt",
    "person centered therapy": "modality:person-centred",
    "person centred counselling": "modality:person-centred",
    "client centered": "modality:person-centred",
    "carl rogers": "modality:person-centred",
    "low mood": "concern:depression",
    "feeling depressed": "concern:depression",
    "PTSD": "concern:trauma",
    "burnout": "concern:stress",
    "burned out": "concern:stress",
    "lack of confidence": "concern:self-esteem",
    "low self esteem": "concern:self-esteem",
    "marriage counselling": "therapist:amelia-hart|therapist:lucia-fernandez",
    "couples counseling": "therapist:amelia-hart|therapist:lucia-fernandez",
    "mindfulness meditation": "modality:mindfulness-based",
    "psychoanalytic": "modality:psychodynamic",
    "integrative counsellor": "therapist:lucia-fernandez|therapist:amelia-hart",
    # Therapists' facts: languages, formats, evenings, fees, who they work with.
    "therapist who speaks polish": "therapist:zofia-nowak",
    "polish speaking": "therapist:zofia-nowak",
    "welsh speaking counsellor": "therapist:rhys-morgan",
    "spanish speaking therapist": "therapist:lucia-fernandez",
    "hindi": "therapist:priya-raman",
    "online CBT": "therapist:daniel-okafor|therapist:sam-whitfield",
    "evening appointments": "therapist:amelia-hart|therapist:daniel-okafor",
    "reduced fee": "therapist:amelia-hart|therapist:rhys-morgan|therapist:priya-raman",
    "low cost counselling": "therapist:amelia-hart|therapist:rhys-morgan|therapist:priya-raman",
    "telephone counselling": "therapist:daniel-okafor|therapist:rhys-morgan|therapist:tom-ashworth",
    "therapy for teenagers": "therapist:rhys-morgan|therapist:priya-raman",
    "family therapy": "therapist:priya-raman",
    "hearing loop": "therapist:zofia-nowak|therapist:rhys-morgan",
    "step free access": "therapist:amelia-hart|therapist:rhys-morgan",
    # Typos.
    "mindfulnes": "modality:mindfulness-based",
    "traumma": "concern:trauma",
    "anxeity": "concern:anxiety",
    "psychodynamik": "modality:psychodynamic",
    "Amelia Hrt": "therapist:amelia-hart",
    "depresion": "concern:depression",
    "bereavment": "concern:grief",
    "relationshp problems": "concern:relationships",
    # Names and plain words.
    "zofia": "therapist:zofia-nowak",
    "Okafor": "therapist:daniel-okafor",
    "Lucia Fernandez": "therapist:lucia-fernandez",
    "CBT": "modality:cbt",
    "trauma": "concern:trauma",
    "attachment styles": "article:attachment-styles-in-adult-relationships",
    "self compassion": "article:self-compassion-is-not-self-indulgence",
}

_ADDRESSES = {
    "therapist": ("therapists:profile", None),
    "modality": ("therapists:modality", None),
    "concern": ("therapists:directory", "concern"),
    "topic": ("articles:topic", None),
    "article": ("articles:detail", None),
}


def address(expected):
    """The address a result card links to for 'kind:slug'."""
    from django.urls import reverse

    kind, slug = expected.split(":", 1)
    name, query = _ADDRESSES[kind]
    if query:
        return f"{reverse(name)}?{query}={slug}"
    return reverse(name, kwargs={"slug": slug})


def position(results, expected):
    """The best position (1-based) of any expected page within its group, or None."""
    wanted = {address(one) for one in expected.split("|")}
    best = None
    for group in results.groups:
        for index, hit in enumerate(group.hits, 1):
            if hit.card.get("url") in wanted and (best is None or index < best):
                best = index
    return best


def evaluate(queries=QUERIES):
    """{query: position or None} on the database in use, which holds the demo content."""
    from search import service

    return {query: position(service.search(query), expected) for query, expected in queries.items()}


def summary(positions):
    ranks = list(positions.values())
    hits = sum(1 for rank in ranks if rank is not None and rank <= TOP)
    mrr = sum(1 / rank for rank in ranks if rank is not None and rank <= TOP) / len(ranks)
    return {
        "queries": len(ranks),
        "hits_at_5": hits,
        "mrr": round(mrr, 3),
        "missed": sorted(query for query, rank in positions.items() if not rank or rank > TOP),
    }


# --- make bench ---------------------------------------------------------------------------------

_SCRIPT = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("load_demo", force=True, verbosity=0)
from bench import relevance
print("RELEVANCE " + json.dumps(relevance.summary(relevance.evaluate())))
"""


def _run(database_url, env):
    env = {**env, "DATABASE_URL": database_url}
    output = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RELEVANCE "))
    return json.loads(line.removeprefix("RELEVANCE "))


def postgres_url():
    """The PostgreSQL server for the relevance figure: RELEVANCE_DATABASE_URL, else
    BENCH_DATABASE_URL ("" when neither is set: SQLite only)."""
    for name in ("RELEVANCE_DATABASE_URL", "BENCH_DATABASE_URL"):
        url = os.environ.get(name, "").rstrip("/")
        if url:
            if not url.startswith(("postgres://", "postgresql://")):
                sys.exit(f"bench: {name} must be a postgres:// URL")
            return url
    return ""


def measure(postgres_url=""):
    """{"sqlite": summary, "postgresql": summary (with a postgres:// URL)}: the demo content
    loaded into a fresh database of each engine, in a child process."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "smarttherapy.settings",
        "ENV_FILE": "",
        "SECRET_KEY": "bench-relevance-only",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "PYTHONPATH": str(ROOT),
    }
    found = {}
    with tempfile.TemporaryDirectory() as folder:
        env["MEDIA_ROOT"] = folder
        found["sqlite"] = _run(f"sqlite:///{folder}/relevance.sqlite3", env)
    if postgres_url:
        import psycopg

        server, name = postgres_url.rsplit("/", 1)
        database = f"{name}_relevance"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{database}"')
        try:
            with tempfile.TemporaryDirectory() as folder:
                env["MEDIA_ROOT"] = folder
                found["postgresql"] = _run(f"{server}/{database}", env)
        finally:
            with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return found


def write_docs(found, when, source="`make bench`"):
    """The figures into docs/search.md, between its relevance markers."""
    rows = [
        f"| {engine} | {figures['hits_at_5']} of {figures['queries']} | {figures['mrr']:.3f} |"
        for engine, figures in found.items()
    ]
    block = "\n".join(
        [
            "<!-- relevance:start (written by make bench) -->",
            f"One {source} run ({when}):",
            "",
            "| Engine | In the top 5 | Mean reciprocal rank |",
            "| --- | ---: | ---: |",
            *rows,
            *(
                []
                if "postgresql" in found
                else ["", "PostgreSQL was not measured in this run (RELEVANCE_DATABASE_URL)."]
            ),
            "<!-- relevance:end -->",
        ]
    )
    text = DOCS.read_text(encoding="utf-8")
    pattern = re.compile(r"<!-- relevance:start.*?<!-- relevance:end -->", re.S)
    if pattern.search(text):
        DOCS.write_text(pattern.sub(lambda _: block, text), encoding="utf-8")


if __name__ == "__main__":
    # `python bench/relevance.py [--write-docs]`: only this part of `make bench`.
    from datetime import UTC, datetime

    results = measure(postgres_url())
    print(json.dumps(results, indent=2))
    if "--write-docs" in sys.argv:
        when = datetime.now(UTC).date().isoformat()
        write_docs(
            results, when, "`python bench/relevance.py` (the relevance part of `make bench`)"
        )
