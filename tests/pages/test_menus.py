"""The header and footer menus staff edit: order, labels, targets; current page marked."""

import re

import pytest
from django.urls import reverse

from core import pagecache
from pages import menu
from pages.models import MenuLink
from tests.pages.conftest import make_page

pytestmark = pytest.mark.django_db


def header(html):
    nav = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)"(?: aria-current="(\w+)")?>([^<]+)</a>', nav)


def footer(html):
    nav = html.split('aria-label="About the practice"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)"(?: aria-current="\w+")?>([^<]+)</a>', nav)


def test_the_header_starts_as_it_was_written_before_staff_could_edit_it(client):
    labels = [label for _, _, label in header(client.get("/").text)]
    assert labels == ["Home", "Articles", "Therapists", "Modalities", "Contact"]
    assert footer(client.get("/").text) == [(reverse("editorial:policy"), "Editorial policy")]


def test_staff_add_a_page_to_the_menu_where_they_want_it(client, admin_client):
    page = make_page()
    response = admin_client.post(
        reverse("admin:pages_menulink_add"),
        {"menu": "header", "label": "Fees", "target": "page", "page": page.pk, "order": 45},
    )
    assert response.status_code == 302
    links = header(client.get("/fees/").text)
    assert [label for _, _, label in links] == [
        "Home", "Articles", "Therapists", "Modalities", "Fees", "Contact"
    ]  # fmt: skip
    assert ("/fees/", "page", "Fees") in links


def test_a_link_may_lead_to_any_address_of_the_site(client, admin_client):
    response = admin_client.post(
        reverse("admin:pages_menulink_add"),
        {"menu": "footer", "label": "CBT therapists", "target": "address",
         "address": "/therapists/?modality=cbt", "order": 1},
    )  # fmt: skip
    assert response.status_code == 302
    assert ("/therapists/?modality=cbt", "CBT therapists") in footer(client.get("/").text)

    refused = admin_client.post(
        reverse("admin:pages_menulink_add"),
        {"menu": "footer", "label": "Elsewhere", "target": "address",
         "address": "https://example.com/", "order": 1},
    )  # fmt: skip
    assert refused.status_code == 200
    assert "starting with a single /" in refused.text
    refused = admin_client.post(
        reverse("admin:pages_menulink_add"),
        {"menu": "footer", "label": "Nothing", "target": "page", "order": 1},
    )
    assert "Choose the page this link leads to." in refused.text


def test_relabelling_and_reordering_show_on_the_next_page(client, admin_client):
    contact = MenuLink.objects.get(menu="header", target="contact")
    client.get("/")  # the menu is now kept in memory
    response = admin_client.post(
        reverse("admin:pages_menulink_change", args=[contact.pk]),
        {"menu": "header", "label": "Get in touch", "target": "contact", "order": 1},
    )
    assert response.status_code == 302
    labels = [label for _, _, label in header(client.get("/").text)]
    assert labels[:2] == ["Get in touch", "Home"]


def test_a_link_to_a_draft_page_is_not_shown_until_it_is_published(client):
    page = make_page(published=False)
    MenuLink.objects.create(menu="header", label="Fees", target="page", page=page, order=99)
    assert "Fees" not in [label for _, _, label in header(client.get("/").text)]
    page.status = "published"
    page.save()
    assert ("/fees/", None, "Fees") in [
        (url, current or None, label) for url, current, label in header(client.get("/").text)
    ]


def test_a_page_under_a_menu_page_marks_it_as_its_section(client):
    about = make_page("About", slug="about")
    make_page("Our rooms", slug="about/our-rooms", parent=about)
    MenuLink.objects.create(menu="header", label="About", target="page", page=about, order=45)
    assert ("/about/", "true", "About") in header(client.get("/about/our-rooms/").text)
    assert ("/about/", "page", "About") in header(client.get("/about/").text)


def test_a_menu_change_clears_the_page_cache(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    first = client.get("/")
    assert first["X-Cache"] == "MISS"
    assert client.get("/")["X-Cache"] == "HIT"
    MenuLink.objects.create(menu="footer", label="New link", target="search", order=5)
    again = client.get("/")
    assert again["X-Cache"] == "MISS"
    assert ">New link</a>" in again.text


def test_the_menus_are_read_once_per_change(django_assert_num_queries):
    menu.forget()
    pagecache.current_generation()  # a running site has one: the first request makes it
    with django_assert_num_queries(1):
        menu.links("header")
        menu.links("footer")
    with django_assert_num_queries(0):
        menu.links("header")
    MenuLink.objects.create(menu="footer", label="New link", target="search", order=5)
    with django_assert_num_queries(1):
        assert ("/search/", "New link") in menu.links("footer")


def test_the_menu_and_page_lists_open_for_staff(admin_client):
    changelist = admin_client.get(reverse("admin:pages_menulink_changelist"))
    assert changelist.status_code == 200
    assert "Contact page" in changelist.text
    assert admin_client.get(reverse("admin:pages_page_changelist")).status_code == 200


def test_an_error_page_shows_the_menus_already_read_without_a_query(
    client, rf, django_assert_num_queries
):
    from core.errors import server_error

    client.get("/")  # this process has read the menus
    with django_assert_num_queries(0):
        html = server_error(rf.get("/articles/")).content.decode()
    assert [label for _, _, label in header(html)][-1] == "Contact"
