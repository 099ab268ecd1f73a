"""Paths as stored and compared: one address whatever its percent-encoding, Unicode form or case;
nothing stored in the "Not found" report that a person did not mean (issue 29, issue 22)."""

import io
import logging

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from redirects import not_found
from redirects.models import NotFoundPath, Redirect
from redirects.paths import MAX_REPORT_PATH, normalise_path, report_path
from tests.factories import make_article

pytestmark = pytest.mark.django_db

# The same address as a CMS export, a browser's address bar and a hand-typed list give it.
CAFE_FORMS = ["/caf%C3%A9", "/café", "/CAF%c3%a9", "/cafe\u0301"]


def add(old_path, target_path="/articles/", **fields):
    redirect = Redirect(old_path=old_path, target_path=target_path, **fields)
    redirect.full_clean()
    redirect.save()
    return redirect


def test_every_form_of_a_non_ascii_address_is_one_address():
    assert {normalise_path(form) for form in CAFE_FORMS} == {"/café"}


@pytest.mark.parametrize("stored", CAFE_FORMS)
def test_a_redirect_pasted_in_any_form_answers_a_visit_in_any_form(client, stored):
    add(stored)

    for visited in ["/caf%C3%A9", "/CAF%C3%89", "/café", "/cafe%CC%81"]:
        assert client.get(visited).status_code == 301, (stored, visited)


def test_the_same_address_twice_in_two_forms_is_refused_not_stored_twice():
    add("/caf%C3%A9")
    with pytest.raises(ValidationError, match="already has a redirect"):
        add("/café")


def test_an_encoded_slash_is_a_slash_as_every_server_reads_it(client):
    add("/guides%2Fsleep")
    assert Redirect.objects.get().old_path == "/guides/sleep"
    assert client.get("/guides%2Fsleep").status_code == 301
    assert client.get("/guides/sleep").status_code == 301
    with pytest.raises(ValidationError, match="already has a redirect"):
        add("/guides/sleep")


def test_an_address_is_decoded_once_not_twice(client):
    redirect = add("/100%2541")  # a literal "%41" in the old address, not an "A"
    redirect.note = "Edited later"
    redirect.full_clean()
    redirect.save()
    Redirect.objects.get().save()

    assert Redirect.objects.get().old_path == "/100%41"
    assert client.get("/100%2541").status_code == 301
    assert client.get("/100A").status_code == 404


def test_an_old_address_with_a_control_or_invisible_character_is_refused():
    for pasted in ["/blog%00x", "/blog\x1b[31m", "/blog\u200bpost"]:
        with pytest.raises(ValidationError, match="invisible character"):
            add(pasted)


def test_a_nul_in_an_address_never_reaches_the_database_nor_floods_the_log(client, caplog):
    with caplog.at_level(logging.WARNING), CaptureQueriesContext(connection) as queries:
        response = client.get("/blog%00post")

    assert response.status_code == 404
    assert not [q for q in queries if "redirects_redirect" in q["sql"]]
    assert not [r for r in caplog.records if r.name.startswith("redirects")]


def test_the_not_found_log_line_writes_control_characters_out(client):
    from smarttherapy.private_logs import NoSearchTerms

    (handler,) = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, NoSearchTerms) for f in h.filters)
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        client.get("/old%1B%5B2J%0Dpage%00")
    finally:
        handler.setStream(previous)
    logged = stream.getvalue()
    assert "Not Found: /old\\x1b[2J\\rpage\\x00" in logged
    assert "\x1b" not in logged and "\r" not in logged


# --- The "Not found" report -------------------------------------------------------------------


def reported(client, *paths):
    for path in paths:
        client.get(path)
    not_found.flush()
    return set(NotFoundPath.objects.values_list("path", flat=True))


def test_the_report_keeps_paths_without_control_or_format_characters(client):
    assert reported(
        client, "/old%1B%5B31mpage", "/old%07page%08", "/old%E2%80%8Bpage%EF%BB%BF", "/x%00y"
    ) == {"/old[31mpage", "/oldpage", "/xy"}


def test_a_search_term_decoded_from_percent_3f_is_never_stored(client):
    assert reported(client, "/search/%3Fq=SRCHMARK", "/blog%3Fq=private") == set()


def test_paths_starting_with_two_slashes_are_not_stored(client):
    assert reported(client, "/%2Fevil.example", "/%2F%2Fevil.example/x") == set()


def test_a_long_path_is_cut(client):
    (path,) = reported(client, "/" + "a" * 450)
    assert path == "/" + "a" * (MAX_REPORT_PATH - 1)


def test_a_live_page_asked_with_a_bad_page_number_is_not_reported(client):
    assert client.get("/therapists/?page=999").status_code == 404
    assert reported(client) == set()


def test_a_drafts_address_leaves_the_report_once_published(client, admin_client):
    article = make_article(title="Sleep", published=False)
    assert reported(client, "/articles/sleep/") == {"/articles/sleep/"}

    article.status = article.Status.PUBLISHED
    article.publish_at = timezone.now()
    article.save()
    page = admin_client.get(reverse("admin:redirects_notfoundpath_changelist")).text

    assert "/articles/sleep/" not in page
    assert not NotFoundPath.objects.exists()


def test_a_reported_path_with_a_redirect_links_to_it_instead_of_offering_another(admin_client):
    NotFoundPath.objects.create(path="/Blog/Old-Post/")
    NotFoundPath.objects.create(path="/blog/never-moved")
    add("/blog/old-post")

    page = admin_client.get(reverse("admin:redirects_notfoundpath_changelist")).text

    assert page.count("Add a redirect") == 1
    assert "Has a redirect" in page


def test_report_path_refuses_what_must_not_be_stored():
    assert report_path("/a?b") == ""
    assert report_path("//host/x") == ""
    assert report_path("/a\\b") == ""
    assert report_path("/caf%C3%A9", decoded=False) == "/café"


# --- Stored rows from before (the data migration) ---------------------------------------------


def test_stored_addresses_are_normalised_and_duplicates_merged_and_reported(capsys):
    from importlib import import_module

    migration = import_module("redirects.migrations.0003_normalise_stored_paths")
    Redirect.objects.bulk_create(
        [
            Redirect(old_path="/caf%c3%a9", target_path="/articles/", hits=3),
            Redirect(old_path="/café", target_path="/therapists/", hits=5),
            Redirect(old_path="/guides%2fsleep", target_path="/articles/", hits=1),
            Redirect(old_path="/plain", target_path="/articles/"),
            Redirect(old_path="/blog%00x", target_path="/articles/"),  # a NUL once decoded
        ]
    )
    NotFoundPath.objects.bulk_create(
        [
            NotFoundPath(path="/search/?q=SRCHMARK"),
            NotFoundPath(path="//evil"),
            NotFoundPath(path="/old\x1bpage", hits=2),
            NotFoundPath(path="/oldpage", hits=1),
        ]
    )

    migration.normalise_redirects(apps, None)
    migration.clean_not_found(apps, None)

    rows = {r.old_path: (r.target_path, r.hits) for r in Redirect.objects.all()}
    assert rows == {
        "/café": ("/therapists/", 8),
        "/guides/sleep": ("/articles/", 1),
        "/plain": ("/articles/", 0),
        "/blog%00x": ("/articles/", 0),
    }
    assert "(merged: /caf%c3%a9)" in Redirect.objects.get(old_path="/café").note
    said = capsys.readouterr().out
    assert "merged the redirect from '/caf%c3%a9'" in said
    assert "kept '/blog%00x' as it was" in said
    assert list(NotFoundPath.objects.values_list("path", "hits")) == [("/oldpage", 3)]
