import pytest
from django.urls import reverse

from tests.factories import make_article, make_modality

pytestmark = pytest.mark.django_db


def test_modality_list_shows_summaries_and_how_many_therapists_practise_each(client, practice):
    make_modality("Psychodynamic", slug="psychodynamic", summary="Looking at the past.")
    practice["cara"].is_active = False
    practice["cara"].save()
    response = client.get(reverse("therapists:modalities"))
    counts = {m.name: m.listed_count for m in response.context["modalities"]}
    assert counts == {"CBT": 2, "Integrative": 1, "Psychodynamic": 0}
    assert "Looking at the past." in response.text
    assert "2 therapists" in response.text
    assert "1 therapist<" in response.text
    assert "No therapists at the moment" in response.text


def test_modality_page_explains_it_and_lists_the_therapists_who_practise_it(client, practice):
    cbt = practice["cbt"]
    cbt.explainer = "## What sessions are like\n\nStructured and practical."
    cbt.save()
    response = client.get(cbt.get_absolute_url())
    assert response.status_code == 200
    assert '<h2 id="section-what-sessions-are-like">What sessions are like</h2>' in response.text
    assert [t.name for t in response.context["therapists"]] == ["Ada Lovelace", "Ben Nowak"]
    assert "Cara Jones" not in response.text
    assert 'href="/therapists/?modality=cbt"' in response.text


def test_modality_page_lists_published_articles_about_it(client, practice):
    cbt, integrative = practice["cbt"], practice["integrative"]
    make_article("Thoughts and feelings", modalities=[cbt])
    make_article("Unfinished CBT notes", modalities=[cbt], published=False)
    make_article("Coming soon on CBT", modalities=[cbt], days_ago=-3)
    make_article("Integrative work", modalities=[integrative])
    html = client.get(cbt.get_absolute_url()).text
    assert "Articles about CBT" in html
    assert "Thoughts and feelings" in html
    assert "Unfinished CBT notes" not in html
    assert "Coming soon on CBT" not in html
    assert "Integrative work" not in html


def test_modality_without_therapists_says_so(client, db):
    modality = make_modality("Art therapy", slug="art-therapy")
    html = client.get(modality.get_absolute_url()).text
    assert "None of our therapists offers Art therapy at the moment." in html


def test_an_unknown_modality_is_not_found(client, db):
    assert client.get(reverse("therapists:modality", args=["nothing"])).status_code == 404
