"""`manage.py load_demo` tells the developer where the admin really is."""

from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import override_settings
from django.urls import path

pytestmark = pytest.mark.django_db

# The admin somewhere other than /admin/, as ADMIN_URL puts it in production.
urlpatterns = [path("practice-staff/", admin.site.urls)]


@override_settings(ROOT_URLCONF=__name__, SITE_URL="https://www.smarttherapy.example")
def test_load_demo_prints_the_admin_address_from_admin_url():
    out = StringIO()

    call_command("load_demo", force=True, stdout=out)

    assert "https://www.smarttherapy.example/practice-staff/ " in out.getvalue()
    assert "/admin/" not in out.getvalue()


@override_settings(DEBUG=True)
def test_a_second_load_keeps_what_staff_changed_in_the_demo_content():
    from articles.models import Article
    from therapists.models import Therapist

    call_command("load_demo", no_user=True, stdout=StringIO())
    article = Article.objects.get(slug="the-space-between-coping-and-healing")
    article.title = "Our own title"
    article.status = Article.Status.DRAFT
    article.save()
    article.topics.clear()
    therapist = Therapist.objects.get(slug="amelia-hart")
    therapist.is_active = False
    therapist.accepting_new_clients = False
    therapist.save()
    therapist.modalities.clear()

    call_command("load_demo", no_user=True, stdout=StringIO())

    article.refresh_from_db()
    therapist.refresh_from_db()
    assert (article.title, article.status) == ("Our own title", Article.Status.DRAFT)
    assert not article.topics.exists()
    assert (therapist.is_active, therapist.accepting_new_clients) == (False, False)
    assert not therapist.modalities.exists()


@override_settings(DEBUG=True)
def test_load_demo_prints_the_demo_password_only_while_it_still_works():
    from django.contrib.auth import get_user_model

    first = StringIO()
    call_command("load_demo", stdout=first)
    assert "'demo-password-change-me'" in first.getvalue()

    user = get_user_model().objects.get(username="demo")
    user.set_password("a-password-the-owner-chose")
    user.save()
    second = StringIO()
    call_command("load_demo", stdout=second)

    assert "demo-password-change-me" not in second.getvalue()
    assert "the password you gave that account" in second.getvalue()
    assert (
        get_user_model().objects.get(username="demo").check_password("a-password-the-owner-chose")
    )


def test_no_demo_account_is_made_with_debug_off_even_when_forced():
    from django.contrib.auth import get_user_model

    out = StringIO()
    call_command("load_demo", force=True, stdout=out)

    assert not get_user_model().objects.filter(username="demo").exists()
    assert "demo-password-change-me" not in out.getvalue()
