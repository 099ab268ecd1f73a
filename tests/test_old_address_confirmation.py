"""A slug that is a live page's old address is taken only when staff say so, for every kind of
page with old addresses (redirects/confirm.py); articles: tests/articles/test_admin.py."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Topic
from redirects.models import Redirect
from tests.factories import make_modality, make_therapist, make_topic
from tests.therapists.test_admin import therapist_form
from therapists.models import Modality, Therapist

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-12345678")
    client.force_login(user)
    return user


def rename(obj, slug):
    obj = type(obj).objects.get(pk=obj.pk)
    obj.slug = slug
    obj.save()
    return obj


def modality_form(**overrides):
    return {
        "name": "Person-centred",
        "slug": "person-centred",
        "summary": "Therapy led by you.",
        "explainer": "## What is it?\n\nAn explanation.",
        "order": "0",
        **overrides,
    }


def test_a_new_therapist_cannot_silently_take_a_listed_therapists_old_address(client, boss):
    jo = rename(make_therapist("Jo Bloggs", slug="jo-bloggs"), "jo-smith")
    add = reverse("admin:therapists_therapist_add")

    refused = client.post(add, therapist_form(name="Jo Bloggs", slug="jo-bloggs"))

    assert refused.status_code == 200
    assert "/therapists/jo-bloggs/ is an old address of “Jo Bloggs”" in refused.text
    assert "sent on to /therapists/jo-smith/" in refused.text
    assert 'type="checkbox" name="take_old_address"' in refused.text
    assert not Therapist.objects.filter(slug="jo-bloggs").exists()
    assert Redirect.objects.matching("/therapists/jo-bloggs/").get().target == jo

    taken = client.post(
        add, therapist_form(name="Jo Bloggs", slug="jo-bloggs", take_old_address="on"), follow=True
    )

    assert "now leads to this" in taken.text and "no longer to “" in taken.text
    assert Therapist.objects.filter(slug="jo-bloggs").exists()
    assert not Redirect.objects.matching("/therapists/jo-bloggs/").exists()
    logged = LogEntry.objects.get(object_id=str(jo.pk), change_message__contains="jo-bloggs")
    assert "given to the therapist “Jo Bloggs” by boss" in logged.change_message
    assert client.get("/therapists/jo-bloggs/").status_code == 200  # the new profile


def test_renaming_a_modality_onto_another_ones_old_address_asks_first(client, boss):
    cbt = rename(make_modality("CBT", slug="cbt"), "cognitive-behavioural-therapy")
    other = make_modality("Counselling", slug="counselling")
    change = reverse("admin:therapists_modality_change", args=[other.pk])

    refused = client.post(change, modality_form(name="Counselling", slug="cbt"))

    assert refused.status_code == 200
    old_url = reverse("therapists:modality", kwargs={"slug": "cbt"})
    assert f"{old_url} is an old address of “CBT”" in refused.text
    assert f"sent on to {cbt.get_absolute_url()}" in refused.text
    other.refresh_from_db()
    assert other.slug == "counselling"
    assert Redirect.objects.matching(old_url).exists()

    client.post(change, modality_form(name="Counselling", slug="cbt", take_old_address="on"))

    other.refresh_from_db()
    assert other.slug == "cbt"
    assert client.get(other.get_absolute_url()).status_code == 200
    assert not Redirect.objects.matching(old_url).exists()
    assert LogEntry.objects.filter(object_id=str(cbt.pk), change_message__contains=old_url)


def test_a_new_topic_cannot_silently_take_a_topics_old_address(client, boss):
    rename(make_topic("Worry", slug="worry"), "anxiety")
    add = reverse("admin:articles_topic_add")

    refused = client.post(add, {"name": "Worries", "slug": "worry", "description": ""})

    assert "is an old address of “Worry”" in refused.text
    client.post(
        add, {"name": "Worries", "slug": "worry", "description": "", "take_old_address": "on"}
    )
    assert Topic.objects.get(slug="worry").name == "Worries"
    assert not Redirect.objects.exists()


def test_a_page_may_take_back_its_own_old_address_without_being_asked(client, boss):
    modality = rename(make_modality("CBT", slug="cbt"), "cognitive-behavioural-therapy")
    change = reverse("admin:therapists_modality_change", args=[modality.pk])

    client.post(change, modality_form(name="CBT", slug="cbt"))

    assert Modality.objects.get(pk=modality.pk).slug == "cbt"


def test_the_box_is_hidden_until_an_old_address_is_typed(client, boss):
    for name in ["therapists_therapist_add", "therapists_modality_add", "articles_topic_add"]:
        form = client.get(reverse(f"admin:{name}")).text
        assert 'type="hidden" name="take_old_address"' in form, name
    # Pages without old addresses have no box at all.
    assert "take_old_address" not in client.get(reverse("admin:therapists_concern_add")).text
