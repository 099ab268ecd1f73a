"""The relevance set (bench/relevance.py, issue 24): on the demo content, each realistic query
shows the page it means among the first five results of its group, on the engine the tests run
on (SQLite, or PostgreSQL with DATABASE_URL)."""

import pytest
from django.core.management import call_command

from bench import relevance

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", force=True, verbosity=0)


def test_the_set_is_large_enough_and_names_pages_of_the_demo():
    assert len(relevance.QUERIES) >= 50


def test_every_query_of_the_relevance_set_finds_its_page_in_the_top_five(demo):
    positions = relevance.evaluate()
    figures = relevance.summary(positions)
    misses = {query: positions[query] for query in figures["missed"]}
    assert misses == {}
    assert figures["hits_at_5"] == len(relevance.QUERIES)
