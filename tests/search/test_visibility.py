"""Only what visitors may see is ever found: never drafts, scheduled articles or inactive
therapists, not in results, excerpts, counts nor suggestions."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from search.models import SearchEntry
from tests.search.conftest import SECRET, main_html

pytestmark = pytest.mark.django_db


def page(client, q, **params):
    response = client.get(reverse("search"), {"q": q, **params})
    assert response.status_code == 200
    return main_html(response)


def test_a_drafts_unique_word_finds_nothing_anywhere(client, site):
    # The draft, the scheduled article, the inactive therapist and the topic only the draft
    # has all contain the word exactly; none is shown, nor suggested.
    assert SearchEntry.objects.filter(text_c__icontains=SECRET).count() >= 3  # indexed...
    for kind in (None, "articles", "therapists", "topics"):
        html = page(client, SECRET, **({"kind": kind} if kind else {}))
        assert "Nothing found" in html
        shown = html.replace(f'value="{SECRET}"', "").replace(f"“{SECRET}”", "")
        assert SECRET not in shown.casefold()
        assert "Did you mean" not in html


def test_a_near_miss_of_a_hidden_name_is_not_suggested(client, site):
    html = page(client, "Hiden Quokkazanzibar")
    assert "Hidden" not in html


def test_drafts_are_not_counted_or_excerpted_among_visible_results(client, site):
    html = page(client, "coping")
    assert site["draft"].get_absolute_url() not in html
    assert "2 results for “coping”: 2 in articles." in " ".join(html.split())


def test_an_inactive_therapist_is_never_found_and_their_concern_is_not_a_way_in(client, site):
    html = page(client, "Hidden")
    assert site["hidden"].get_absolute_url() not in html
    # "Hoarding" and "Hoarding too" are only the inactive therapist's and nobody's concerns.
    html = page(client, "hoarding")
    assert "Nothing found" in html and "Did you mean" not in html


def test_a_scheduled_article_is_found_from_its_publish_time_without_reindexing(client, site):
    scheduled = site["scheduled"]
    assert scheduled.get_absolute_url() not in page(client, "later")
    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now())
    assert scheduled.get_absolute_url() in page(client, "later")


def test_unpublishing_and_deactivating_hide_at_once(client, site):
    coping = site["coping"]
    coping.status = Article.Status.DRAFT
    coping.save()
    assert coping.get_absolute_url() not in page(client, "coping")
    amelia = site["amelia"]
    amelia.is_active = False
    amelia.save()
    assert amelia.get_absolute_url() not in page(client, "Hart")


def test_rebuild_search_index_fills_the_index_from_scratch(client, site):
    SearchEntry.objects.all().delete()
    assert "Nothing found" in page(client, "CBT")
    call_command("rebuild_search_index", stdout=__import__("io").StringIO())
    html = page(client, "CBT")
    assert site["cbt"].get_absolute_url() in html
    assert site["amelia"].get_absolute_url() in html
    assert site["draft"].get_absolute_url() not in page(client, SECRET)
