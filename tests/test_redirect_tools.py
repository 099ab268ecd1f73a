"""Redirects that match on the query string, lists of redirects, and the Not-found report."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from redirects import importing, not_found
from redirects.models import NotFoundPath, Redirect

pytestmark = pytest.mark.django_db


def test_an_address_with_a_query_goes_where_its_query_says(client):
    Redirect.objects.create(old_path="/blog", target_path="/articles/", keep_query_string=False)
    Redirect.objects.create(old_path="/blog?format=rss", target_path="/articles/feed/")
    Redirect.objects.create(
        old_path="/blog", query="category=Anxiety", target_path="/articles/topic/anxiety/"
    )

    assert client.get("/blog")["Location"] == "/articles/"
    assert client.get("/blog/?format=rss")["Location"] == "/articles/feed/"
    assert client.get("/BLOG?Format=RSS&utm_source=x")["Location"] == "/articles/feed/"
    assert client.get("/blog?category=anxiety")["Location"] == "/articles/topic/anxiety/"
    assert client.get("/blog?category=other")["Location"] == "/articles/"


def test_an_address_with_a_query_alone_does_not_catch_the_bare_path(client):
    Redirect.objects.create(old_path="/blog?format=rss", target_path="/articles/feed/")

    assert client.get("/blog").status_code == 404
    assert client.get("/blog?format=rss").status_code == 301


def test_a_squarespace_url_mappings_list_is_checked_before_it_is_saved():
    Redirect.objects.create(old_path="/about-us", target_path="/")
    text = "\n".join(
        [
            "# comments are skipped",
            "/services -> /therapists/ 301",
            "/team -> /therapists/ 302",
            "/old -> /services 301",  # a chain through line 2
            "/a -> /b 301",
            "/b -> /a 301",  # a loop
            "/contact -> /about-us 301",  # leads to an old address in the database
            "/x -> https://elsewhere.example/ 301",
            "/[name] -> /y 301",
            "nonsense",
        ]
    )

    lines = importing.plan(importing.parse_url_mappings(text))

    by_old = {line.old: line for line in lines}
    assert by_old["/services"].action == "add"
    assert by_old["/team"].action == "add" and "302" in by_old["/team"].notes[0]
    assert "chain" in by_old["/old"].reason
    assert "loop" in by_old["/a"].reason and "loop" in by_old["/b"].reason
    assert "itself an old address" in by_old["/contact"].reason
    assert "on this site" in by_old["/x"].reason
    assert "patterns" in by_old["/[name]"].reason
    assert "not of the form" in by_old["nonsense"].reason
    assert Redirect.objects.count() == 1  # planning wrote nothing


def test_a_csv_adds_and_changes_redirects_marked_as_imported(client):
    Redirect.objects.create(old_path="/offer", target_path="/")
    text = "old,new,status\n/offer,/therapists/,301\n/gone,,410\n/new-one,/articles/,301\n"

    counts = importing.apply(importing.plan(importing.parse_csv(text)))

    assert counts == {"add": 2, "change": 1, "unchanged": 0, "refused": 0}
    assert client.get("/offer")["Location"] == "/therapists/"
    assert client.get("/gone").status_code == 410
    assert Redirect.objects.get(old_path="/new-one").source == Redirect.Source.IMPORT
    again = importing.plan(importing.parse_csv(text))
    assert importing.summary(again)["unchanged"] == 3


def test_the_admin_checks_a_list_then_saves_it_on_confirmation(admin_client):
    url = reverse("admin:redirects_redirect_import")
    data = {"format": "mappings", "text": "/services -> /therapists/ 301\n/a -> /a 301"}

    checked = admin_client.post(url, data)

    assert checked.status_code == 200
    assert "1 to add" in checked.content.decode() and "lead to itself" in checked.content.decode()
    assert not Redirect.objects.exists()
    saved = admin_client.post(url, {**data, "confirm": "1"})
    assert saved.status_code == 302
    assert Redirect.objects.get().old_path == "/services"


def test_not_found_paths_are_counted_without_the_query_and_not_for_the_admin(client):
    client.get("/old-page?utm_source=newsletter")
    client.get("/old-page")
    client.get("/admin/nothing-here")
    not_found.flush()

    row = NotFoundPath.objects.get()
    assert (row.path, row.hits) == ("/old-page", 2)


def test_not_found_rows_older_than_30_days_are_purged(client):
    old = timezone.now() - timedelta(days=31)
    NotFoundPath.objects.create(path="/stale", first_seen_at=old, last_seen_at=old)

    client.get("/fresh-miss")
    not_found.flush()

    assert list(NotFoundPath.objects.values_list("path", flat=True)) == ["/fresh-miss"]


def test_the_not_found_report_offers_a_redirect_for_each_row(admin_client):
    NotFoundPath.objects.create(path="/blog/old-post")

    page = admin_client.get(reverse("admin:redirects_notfoundpath_changelist")).content.decode()

    assert "/blog/old-post" in page
    add_url = reverse("admin:redirects_redirect_add") + "?old_path=%2Fblog%2Fold-post"
    assert add_url in page
    form = admin_client.get(add_url).content.decode()
    assert 'value="/blog/old-post"' in form


def _report_writes(queries):
    return [q["sql"] for q in queries if "redirects_notfoundpath" in q["sql"]]


def test_a_flood_of_not_found_addresses_is_written_in_one_batch_not_per_request(client):
    with CaptureQueriesContext(connection) as during:
        for n in range(150):
            assert client.get(f"/wp-login-{n}.php").status_code == 404
    assert _report_writes(during.captured_queries) == []

    with CaptureQueriesContext(connection) as batch:
        not_found.flush()
    assert len(_report_writes(batch.captured_queries)) <= 4
    assert NotFoundPath.objects.count() == 150


def test_not_found_counts_reach_the_report_with_the_first_404_after_a_minute(clock):
    not_found.count("/old-page")
    clock.advance(30)
    not_found.count("/old-page")
    assert not NotFoundPath.objects.exists()
    clock.advance(31)
    not_found.count("/old-page")

    assert NotFoundPath.objects.get().hits == 3


def test_batches_from_several_processes_add_up_for_the_same_address():
    now = timezone.now()
    NotFoundPath.objects.record({"/old-page": (3, now, now)})
    NotFoundPath.objects.record({"/old-page": (2, now, now), "/other": (1, now, now)})

    assert dict(NotFoundPath.objects.values_list("path", "hits")) == {"/old-page": 5, "/other": 1}


def test_the_report_shows_counts_still_waiting_in_memory(client, admin_client):
    client.get("/blog/moved-post")

    page = admin_client.get(reverse("admin:redirects_notfoundpath_changelist")).content.decode()

    assert "/blog/moved-post" in page


def test_waiting_not_found_counts_are_written_by_any_request_after_a_minute(client, clock):
    client.get("/old-page")
    assert not NotFoundPath.objects.exists()
    clock.advance(61)

    client.get("/")  # an ordinary page, not a 404

    assert NotFoundPath.objects.get().path == "/old-page"
