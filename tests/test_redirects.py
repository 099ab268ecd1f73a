"""Staff-made old addresses: 301 to a path, 410 for a page removed on purpose, no chains, counted."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from redirects.models import Redirect
from tests.factories import make_article, make_therapist

pytestmark = pytest.mark.django_db


def add(old_path, target_path="", **fields):
    redirect = Redirect(old_path=old_path, target_path=target_path, **fields)
    redirect.full_clean()
    redirect.save()
    return redirect


def test_an_old_path_of_the_old_site_answers_301_to_its_new_address(client):
    add("/blog/coping-and-healing", "/articles/")

    response = client.get("/blog/coping-and-healing")

    assert response.status_code == 301
    assert response["Location"] == "/articles/"


def test_matching_ignores_case_and_a_final_slash(client):
    add("/Blog/Coping-And-Healing", "/articles/")

    assert client.get("/blog/coping-and-healing/").status_code == 301
    assert client.get("/BLOG/COPING-AND-HEALING").status_code == 301


def test_the_query_string_is_kept_unless_staff_say_otherwise(client):
    add("/blog", "/articles/")
    add("/news", "/articles/", keep_query_string=False)

    assert client.get("/blog", {"page": "2"})["Location"] == "/articles/?page=2"
    assert client.get("/news", {"format": "amp"})["Location"] == "/articles/"


def test_a_page_removed_on_purpose_answers_410_gone(client):
    add("/old-offer", status=Redirect.Status.GONE)

    response = client.get("/old-offer")

    assert response.status_code == 410
    assert "taken down" in response.content.decode()


def test_each_use_is_counted_with_its_time(client):
    redirect = add("/blog", "/articles/")

    client.get("/blog")
    client.get("/blog/")

    redirect.refresh_from_db()
    assert redirect.hits == 2
    assert redirect.last_hit_at is not None


def test_a_real_page_wins_over_a_redirect_at_its_address(client):
    article = make_article("Live", slug="live")
    Redirect.objects.create(old_path=article.get_absolute_url(), target_path="/")

    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_redirect_leading_to_another_old_address_is_refused():
    add("/a", "/articles/")

    with pytest.raises(ValidationError) as refused:
        add("/b", "/a")

    assert "itself an old address" in str(refused.value)


def test_an_address_that_others_lead_to_cannot_become_an_old_address():
    add("/a", "/b")

    with pytest.raises(ValidationError) as refused:
        add("/b", "/articles/")

    assert "no chain" in str(refused.value)


def test_an_address_cannot_lead_to_itself():
    with pytest.raises(ValidationError):
        add("/a", "/a/")


def test_an_old_address_of_an_unlisted_therapist_is_a_plain_404(client):
    therapist = make_therapist("Jo Bloggs", slug="jo-bloggs")
    therapist.slug = "jo-smith"
    therapist.save()
    therapist.is_active = False
    therapist.save()

    response = client.get(reverse("therapists:profile", kwargs={"slug": "jo-bloggs"}))

    assert response.status_code == 404
    assert "jo-smith" not in response.content.decode()


def test_staff_add_a_redirect_in_the_admin(admin_client, client):
    response = admin_client.post(
        reverse("admin:redirects_redirect_add"),
        {
            "old_path": "/blog/old-post",
            "target_path": "/articles/",
            "status": "301",
            "keep_query_string": "on",
            "note": "",
        },
    )

    assert response.status_code == 302
    assert client.get("/blog/old-post")["Location"] == "/articles/"
    assert Redirect.objects.get().source == Redirect.Source.STAFF


def test_staff_are_told_when_a_new_redirect_would_chain(admin_client):
    add("/a", "/articles/")

    response = admin_client.post(
        reverse("admin:redirects_redirect_add"),
        {"old_path": "/b", "target_path": "/a", "status": "301", "note": ""},
    )

    assert response.status_code == 200
    assert "itself an old address" in response.content.decode()
    assert not Redirect.objects.filter(old_path="/b").exists()


def test_the_same_old_address_with_a_final_slash_cannot_point_a_second_way():
    add("/blog/old-post", "/articles/")

    with pytest.raises(ValidationError) as error:
        add("/Blog/Old-Post/", "/therapists/")

    assert "already has a redirect (as /blog/old-post)" in str(error.value)
    assert Redirect.objects.count() == 1
