"""Django's admin, with a TOTP second factor required when ADMIN_REQUIRE_2FA is on.

INSTALLED_APPS lists AdminConfig below instead of "django.contrib.admin", so `admin.site`
(where every app registers its models) is a SecureAdminSite. With ADMIN_REQUIRE_2FA on, the
sign-in form asks for the six-digit code from the staff member's authenticator app (django-otp),
and a session signed in without one is treated as not staff. The first device of each person
is made with `manage.py add_totp_device <username>` (or, while 2FA is not yet required, on the
admin's "Two-factor" page); more devices on that page, or under "TOTP devices".
"""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class SecureAdminSite(AdminSite):
    # From PRACTICE_NAME, like the rest of the site and the authenticator app's entry.
    @property
    def site_header(self):
        return f"{settings.PRACTICE['name']} administration"

    @property
    def site_title(self):
        return f"{settings.PRACTICE['name']} admin"

    @property
    def login_form(self):
        # Imported here: this module is loaded with INSTALLED_APPS, before any model.
        from django.contrib.admin.forms import AdminAuthenticationForm

        from smarttherapy.admin_forms import OneTimeCodeAuthenticationForm

        if settings.ADMIN_REQUIRE_2FA:
            return OneTimeCodeAuthenticationForm
        return AdminAuthenticationForm

    @property
    def login_template(self):
        return "admin/login_otp.html" if settings.ADMIN_REQUIRE_2FA else None

    def get_urls(self):
        from django.urls import path

        from smarttherapy.two_factor import add_device

        def view(request):
            return add_device(request, self)

        return [path("two-factor/", self.admin_view(view), name="two_factor"), *super().get_urls()]

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not settings.ADMIN_REQUIRE_2FA or request.user.is_verified()


class AdminConfig(DjangoAdminConfig):
    default_site = "smarttherapy.admin_site.SecureAdminSite"
