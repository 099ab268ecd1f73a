"""Work the database does for one page must not grow with the amount of content: an index that
starts at the wrong end still answers correctly, so only the work done shows it.

SQLite counts the virtual-machine steps a query takes; PostgreSQL reports the rows each plan
node read (EXPLAIN ANALYZE)."""

import json

import pytest
from django.db import connection

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def database_work(queryset):
    """Steps (SQLite) or rows read (PostgreSQL) to run `queryset`."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE articles_article")
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            return _rows_read(plan[0]["Plan"])
        steps = 0

        def count():
            nonlocal steps
            steps += 1

        raw = connection.connection
        raw.set_progress_handler(count, 1)
        try:
            cursor.execute(sql, params)
            cursor.fetchall()
        finally:
            raw.set_progress_handler(None, 1)
        return steps


def _rows_read(node):
    own = node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
    return own + sum(_rows_read(child) for child in node.get("Plans", []))


def neighbour_querysets(article, monkeypatch):
    """The two queries article.neighbours() runs (first() is LIMIT 1), captured instead of run."""
    from articles.models import ArticleQuerySet

    captured = []
    monkeypatch.setattr(ArticleQuerySet, "first", lambda qs: captured.append(qs[:1]))
    article.neighbours()
    monkeypatch.undo()
    return captured


def test_the_previous_and_next_links_cost_the_same_however_many_newer_articles_exist(
    monkeypatch,
):
    oldest = make_article("The oldest article", days_ago=400)
    make_article("Its older neighbour", days_ago=500)
    for day in range(5):
        make_article(f"Newer article {day}", days_ago=day + 1)
    few = [database_work(qs) for qs in neighbour_querysets(oldest, monkeypatch)]

    for day in range(300):
        make_article(f"Another newer article {day}", days_ago=day + 6)
    many = [database_work(qs) for qs in neighbour_querysets(oldest, monkeypatch)]

    assert [article.title for article in oldest.neighbours() if article] == [
        "Its older neighbour",
        "Another newer article 299",
    ]
    # 300 more newer articles: the work may wobble, but must not follow them.
    for before, after in zip(few, many, strict=True):
        assert after <= before * 2 + 50, (few, many)
