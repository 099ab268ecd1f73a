"""A renamed page's old address answers 301 to where it lives now, never to something hidden."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from redirects.models import Redirect
from tests.factories import make_article, make_modality, make_therapist, make_topic

pytestmark = pytest.mark.django_db


def rename(obj, slug):
    """As the admin does it: the object loaded afresh, its slug changed, saved."""
    obj = type(obj).objects.get(pk=obj.pk)
    obj.slug = slug
    obj.save()
    return obj


def article_url(slug):
    return reverse("articles:detail", kwargs={"slug": slug})


def profile_url(slug):
    return reverse("therapists:profile", kwargs={"slug": slug})


def assert_moved(client, old_url, new_url):
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == new_url
    assert client.get(new_url).status_code == 200


def test_renamed_published_article_old_address_redirects_permanently(client):
    article = make_article("Coping with worry", slug="coping-with-worry")

    rename(article, "living-with-worry")

    assert_moved(client, article_url("coping-with-worry"), article_url("living-with-worry"))


def test_every_old_address_goes_straight_to_the_newest_one(client):
    article = make_article("Grief", slug="a")

    rename(article, "b")
    rename(article, "c")

    assert_moved(client, article_url("a"), article_url("c"))
    assert_moved(client, article_url("b"), article_url("c"))


def test_renaming_the_same_instance_twice_keeps_both_old_addresses(client):
    article = make_article("Grief", slug="a")
    article.slug = "b"
    article.save()
    article.slug = "c"
    article.save()

    assert_moved(client, article_url("a"), article_url("c"))
    assert_moved(client, article_url("b"), article_url("c"))


def test_renamed_draft_leaves_no_old_address_even_once_published(client):
    # Visitors never saw a draft's address, so there is nothing to keep working.
    draft = make_article("Work in progress", slug="draft-slug", published=False)

    draft = rename(draft, "final-slug")
    assert client.get(article_url("draft-slug")).status_code == 404
    draft.status = Article.Status.PUBLISHED
    draft.save()

    assert client.get(article_url("final-slug")).status_code == 200
    assert client.get(article_url("draft-slug")).status_code == 404
    assert not Redirect.objects.exists()


def test_a_draft_published_under_a_new_slug_keeps_no_old_address(client):
    draft = Article.objects.get(pk=make_article("New", slug="draft-slug", published=False).pk)

    draft.slug = "final-slug"
    draft.status = Article.Status.PUBLISHED
    draft.save()

    assert client.get(article_url("final-slug")).status_code == 200
    assert client.get(article_url("draft-slug")).status_code == 404


def test_old_address_of_an_unpublished_article_is_404_until_it_is_published_again(client):
    article = make_article("Correction needed", slug="before")
    article.status = Article.Status.DRAFT
    article.save()

    article = rename(article, "after")
    assert client.get(article_url("before")).status_code == 404  # never reveals a draft
    article.status = Article.Status.PUBLISHED
    article.save()

    assert_moved(client, article_url("before"), article_url("after"))


def test_a_new_article_taking_an_old_slug_gets_its_own_page(client):
    first = make_article("First", slug="shared-slug")
    rename(first, "first-renamed")
    assert_moved(client, article_url("shared-slug"), article_url("first-renamed"))

    make_article("Second", slug="shared-slug")

    response = client.get(article_url("shared-slug"))
    assert response.status_code == 200
    assert response.context["article"].title == "Second"
    assert not Redirect.objects.matching(article_url("shared-slug")).exists()


def test_renaming_back_serves_the_page_and_redirects_the_other_address(client):
    article = make_article("Back and forth", slug="a")
    rename(article, "b")

    rename(article, "a")

    assert client.get(article_url("a")).status_code == 200
    assert_moved(client, article_url("b"), article_url("a"))


def test_deleting_an_article_removes_its_old_addresses(client):
    article = rename(make_article("Gone", slug="old"), "new")
    assert_moved(client, article_url("old"), article_url("new"))

    article.delete()

    assert client.get(article_url("old")).status_code == 404
    assert not Redirect.objects.exists()


def old_slug_queries(save):
    with CaptureQueriesContext(connection) as queries:
        save()
    return [query for query in queries if "redirect" in query["sql"].lower()]


def test_saving_without_changing_the_slug_touches_no_old_address():
    article = Article.objects.get(pk=make_article("Steady", slug="steady").pk)
    topic = type(make_topic("Calm")).objects.get(slug="calm")

    article.title = "Steady, edited"
    topic.description = "Edited."
    assert not old_slug_queries(article.save)
    assert not old_slug_queries(topic.save)
    article.slug = "steady-renamed"
    assert old_slug_queries(article.save)  # what a rename does instead


def test_renamed_listed_therapist_old_profile_address_redirects(client):
    therapist = make_therapist("Jo Bloggs", slug="jo-bloggs")

    rename(therapist, "jo-smith")

    assert_moved(client, profile_url("jo-bloggs"), profile_url("jo-smith"))


def test_old_profile_address_is_404_once_the_therapist_is_inactive(client):
    therapist = rename(make_therapist("Jo Bloggs", slug="jo-bloggs"), "jo-smith")
    assert_moved(client, profile_url("jo-bloggs"), profile_url("jo-smith"))

    therapist.is_active = False
    therapist.save()

    assert client.get(profile_url("jo-bloggs")).status_code == 404
    assert client.get(profile_url("jo-smith")).status_code == 404


def test_renaming_an_unlisted_therapist_keeps_no_old_address(client):
    therapist = make_therapist("Not Yet", slug="not-yet", is_active=False)

    therapist = rename(therapist, "now-ready")
    therapist.is_active = True
    therapist.save()

    assert client.get(profile_url("now-ready")).status_code == 200
    assert client.get(profile_url("not-yet")).status_code == 404
    assert not Redirect.objects.exists()


def test_renamed_topic_old_address_redirects_keeping_the_page_number(client):
    topic = make_topic("Worry", slug="worry")
    make_article("About worry", topics=[topic])

    rename(topic, "anxiety")

    old = reverse("articles:topic", kwargs={"slug": "worry"})
    new = reverse("articles:topic", kwargs={"slug": "anxiety"})
    assert_moved(client, old, new)
    assert client.get(old, {"page": "1"})["Location"] == f"{new}?page=1"


def test_a_bad_page_of_a_topic_is_still_404(client):
    topic = make_topic("Worry", slug="worry")
    rename(topic, "anxiety")

    old = reverse("articles:topic", kwargs={"slug": "worry"})
    url = reverse("articles:topic", kwargs={"slug": "anxiety"})
    assert client.get(old)["Location"] == url
    assert client.get(url, {"page": "9"}).status_code == 404


def test_renamed_modality_old_address_redirects(client):
    modality = make_modality("Person-centred", slug="person-centred")

    rename(modality, "person-centred-therapy")

    assert_moved(
        client,
        reverse("therapists:modality", kwargs={"slug": "person-centred"}),
        reverse("therapists:modality", kwargs={"slug": "person-centred-therapy"}),
    )


def test_looking_up_old_addresses_costs_queries_only_on_a_miss(
    client, django_assert_max_num_queries
):
    # The found path is pinned by tests/performance/test_query_budgets.py.
    rename(make_article("Moved", slug="old"), "new")
    # A running site has read its menus since the change (pages/menu.py): one visit does it.
    client.get(article_url("new"))

    # The article by slug, then the redirect by path; on a hit, the article through published()
    # and the redirect's use counted; on a miss, the path counted for the Not-found report (a
    # path seen before: one UPDATE; a new one: the update, the 30-day purge, the size check and
    # the insert).
    for slug, status, ceiling in (("old", 301, 4), ("unknown", 404, 6), ("unknown", 404, 3)):
        with django_assert_max_num_queries(ceiling):
            assert client.get(article_url(slug)).status_code == status


def test_redirect_is_never_stored_by_the_page_cache(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    first = rename(make_article("First", slug="shared"), "first-renamed")

    response = client.get(article_url("shared"))
    assert response.status_code == 301
    assert "X-Cache" not in response
    assert "max-age=0" in response["Cache-Control"]  # browsers ask again, never keep it
    make_article("Second", slug="shared")

    response = client.get(article_url("shared"))
    assert response.status_code == 200
    assert response.context["article"].title == "Second"
    assert first.get_absolute_url() == article_url("first-renamed")


def test_staff_see_and_remove_old_addresses_in_the_admin(admin_client, client):
    topic = rename(make_topic("Worry", slug="worry"), "anxiety")
    old_slug = Redirect.objects.get(old_path=reverse("articles:topic", kwargs={"slug": "worry"}))

    listing = admin_client.get(reverse("admin:redirects_redirect_changelist"))
    assert listing.status_code == 200
    assert reverse("articles:topic", kwargs={"slug": "worry"}) in listing.content.decode()
    assert topic.get_absolute_url() in listing.content.decode()

    delete_url = reverse("admin:redirects_redirect_delete", args=[old_slug.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302

    assert client.get(reverse("articles:topic", kwargs={"slug": "worry"})).status_code == 404
