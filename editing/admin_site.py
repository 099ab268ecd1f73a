"""Django's admin, with a TOTP second factor required when ADMIN_REQUIRE_2FA is on.

INSTALLED_APPS lists AdminConfig below instead of "django.contrib.admin", so `admin.site`
(where every app registers its models) is a SecureAdminSite. With ADMIN_REQUIRE_2FA on, the
sign-in form asks for the six-digit code from the staff member's authenticator app (django-otp),
and a session signed in without one is treated as not staff. The first device of each person
is made with `manage.py add_totp_device <username>` (or, while 2FA is not yet required, on the
admin's "Two-factor" page); more devices on that page, or under "TOTP devices".

A form posted to the admin after the session has ended (an editor writing for longer than
SESSION_IDLE_TIMEOUT without saving) is not redirected to the sign-in page, which would throw
the text away: the answer is a 403 page saying nothing was saved and showing what was sent,
read-only, to copy back after signing in again in another tab.
"""

import re
from functools import update_wrapper

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.views.decorators.csrf import csrf_protect

# Posted fields that are not text someone typed, or must never be shown again.
_SKIPPED_FIELD = re.compile(
    r"^(csrfmiddlewaretoken|_.*|.*password.*|.*-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)$",
    re.IGNORECASE,
)


# A date-and-time box is sent as two fields, "publish_at_0" (the date) and "..._1" (the time).
_PARTS = re.compile(r"_([01])$")


def _part(match):
    return " (date)" if match.group(1) == "0" else " (time)"


def posted_text(request):
    """What a form sent, as (label, text, rows): labels are the field names made readable."""
    fields = []
    for key in request.POST:
        if _SKIPPED_FIELD.match(key):
            continue
        # Blank values, and bare numbers (the ids of things picked from a list), are not text.
        values = [v for v in request.POST.getlist(key) if v.strip() and not v.strip().isdigit()]
        if values:
            label = capfirst(re.sub(r"[\s_-]+", " ", _PARTS.sub(_part, key)).strip()) or key
            text = "\n".join(values)
            # Tall enough for the text (about 80 characters a line), up to 24 lines.
            fields.append((label, text, min(24, text.count("\n") + 1 + len(text) // 80)))
    return fields


_index_notices = []


def register_index_notices(callable_):
    """Add an app's notices to the admin index: `callable_(request)` returns a list of
    {"text": ..., "url": ..., "urgent": bool} for that person (empty when they may not see them).
    Call from the app's AppConfig.ready()."""
    if callable_ not in _index_notices:
        _index_notices.append(callable_)


class SecureAdminSite(AdminSite):
    def index(self, request, extra_context=None):
        notices = [notice for source in _index_notices for notice in source(request)]
        return super().index(request, {"index_notices": notices, **(extra_context or {})})

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

        from editing.admin_forms import OneTimeCodeAuthenticationForm

        if settings.ADMIN_REQUIRE_2FA:
            return OneTimeCodeAuthenticationForm
        return AdminAuthenticationForm

    @property
    def login_template(self):
        return "admin/login_otp.html" if settings.ADMIN_REQUIRE_2FA else None

    def get_urls(self):
        from django.urls import path

        from editing.autosave import autosave_view
        from editing.paste import paste_view
        from editing.two_factor import add_device
        from editing.writing_checks import checks_view

        def view(request):
            return add_device(request, self)

        def autosave(request, app_label, model_name, object_id):
            return autosave_view(request, self, app_label, model_name, object_id)

        return [
            path("two-factor/", self.admin_view(view), name="two_factor"),
            path(
                "autosave/<str:app_label>/<str:model_name>/<path:object_id>/",
                self.admin_view(autosave),
                name="autosave",
            ),
            path("paste/", self.admin_view(paste_view), name="paste"),
            path("checks/", self.admin_view(checks_view), name="checks"),
            *super().get_urls(),
        ]

    def admin_view(self, view, cacheable=False):
        """Django's wrapper, except that a form posted after signing out is kept (see above).

        Only a POST from someone not signed in at all: a signed-out person's GET still goes to
        the sign-in page, and a POST to "Log out" still goes to the index. The sign-in view
        itself is not an admin_view, so a wrong password is answered as before.
        """
        protected = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            if (
                request.method == "POST"
                and not request.user.is_authenticated
                and request.path != reverse("admin:logout", current_app=self.name)
            ):
                return self.signed_out_post(request)
            return protected(request, *args, **kwargs)

        if not getattr(view, "csrf_exempt", False):
            inner = csrf_protect(inner)
        return update_wrapper(inner, view)

    def signed_out_post(self, request):
        """403: the sign-in has expired, nothing was saved, and here is what was sent.

        Shows only what this request carried (no object, no field labels from a model), so a
        stranger posting here learns nothing they did not send themselves.
        """
        context = {
            **self.each_context(request),
            "title": "Your sign-in has expired: nothing was saved",
            "is_nav_sidebar_enabled": False,
            "fields": posted_text(request),
            "files": [upload.name for _, uploads in request.FILES.lists() for upload in uploads],
            "login_url": reverse("admin:login", current_app=self.name),
            "next": request.get_full_path(),
        }
        response = TemplateResponse(request, "admin/signed_out_post.html", context, status=403)
        response["Cache-Control"] = "no-store"  # the text may be private: keep no copy
        return response

    def get_app_list(self, request, app_label=None):
        """Django's list, with a count beside each list whose ModelAdmin has `index_count()`
        (staff's to-do lists: "Reviews due (2)"). Apps declare it; nothing here names them."""
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for entry in app["models"]:
                model_admin = self._registry.get(entry["model"])
                count = getattr(model_admin, "index_count", None)
                if count is not None:
                    entry["name"] = f"{entry['name']} ({count(request)})"
        return app_list

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not settings.ADMIN_REQUIRE_2FA or request.user.is_verified()


class AdminConfig(DjangoAdminConfig):
    default_site = "editing.admin_site.SecureAdminSite"
