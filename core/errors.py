"""Error pages rendered from settings alone, with a plain fallback: the 400 and 500 handlers
here, and the 503 page of core.db_errors."""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils.html import escape
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# For the plain fallback page: (title, heading, what to do), by status.
PLAIN_WORDING = {
    500: (
        "Sorry, something went wrong",
        "Sorry, something went wrong on our side",
        "Please try again in a few minutes.",
    ),
    503: (
        "Temporarily unavailable",
        "Sorry, the site is temporarily unavailable",
        "Please try again in a minute.",
    ),
}


def plain_page(status):
    """A page with no template, no static files and no database: what to do, and the site's
    own last words (settings.ERROR_PAGE_HELP: a callable that returns plain text, such as where
    to get urgent help)."""
    title, heading, advice = PLAIN_WORDING.get(status, PLAIN_WORDING[500])
    help_text = import_string(settings.ERROR_PAGE_HELP)() if settings.ERROR_PAGE_HELP else ""
    closing = f"<p>{escape(help_text)}</p>" if help_text else ""
    return (
        '<!doctype html><html lang="en-GB"><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f"<h1>{escape(heading)}</h1>"
        f"<p>{escape(advice)}</p>{closing}</html>"
    )


def error_page_context(request):
    """What an error template knows: the request, and what settings.ERROR_PAGE_CONTEXT (a
    callable taking the request, reading settings only) adds."""
    extra = (
        import_string(settings.ERROR_PAGE_CONTEXT)(request) if settings.ERROR_PAGE_CONTEXT else {}
    )
    # Template tags that would read the database keep to what the process already holds.
    return {"request": request, "from_settings_alone": True, **extra}


def render_error_page(request, template_name, status):
    """`template_name` rendered from settings alone, as a response with `status`.

    No context processors and no database: whatever broke (the database included) cannot break
    this page. If even the template fails, the plain page is returned.
    """
    try:
        body = loader.get_template(template_name).render(error_page_context(request))
    except Exception:
        logger.exception("%s could not be rendered; sending the plain page", template_name)
        body = plain_page(status)
    return HttpResponse(body, status=status)


def bad_request(request, exception=None, template_name="400.html"):
    """handler400: the 400 page, without reading the request's body.

    Django's own 400 view is wrapped in `requires_csrf_token`, which reads the form again to
    look for the token: a form Django refused to read (one that declares a charset other than
    UTF-8) raised again there and the visitor got the 500 page.
    """
    return render_error_page(request, template_name, 400)


def page_not_found(request, exception=None, template_name="404.html"):
    """handler404: Django's 404 page, without `requires_csrf_token` (the page has no form that
    posts): on a form in a charset Django cannot read, that decorator read the body again,
    raised, and the visitor got the 500 page instead of the 404."""
    body = loader.get_template(template_name).render({"request_path": request.path}, request)
    return HttpResponse(body, status=404)


def server_error(request, template_name="500.html"):
    """The 500 page (handler500 for URLconfs that need no database handling)."""
    return render_error_page(request, template_name, 500)


def permission_denied(request, exception=None):
    """403: signed-in staff refused an admin page get an admin page saying so, with the way
    back; everyone else the site's own 403 page."""
    from django.contrib import admin
    from django.template.response import TemplateResponse
    from django.views import defaults

    user = getattr(request, "user", None)
    in_admin = request.path_info.startswith("/" + settings.ADMIN_URL)
    if in_admin and user is not None and user.is_active and user.is_staff:
        context = {
            **admin.site.each_context(request),
            "title": "You do not have permission to see this page",
        }
        response = TemplateResponse(request, "admin/403.html", context, status=403)
        response.render()
        return response
    return defaults.permission_denied(request, exception)
