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
