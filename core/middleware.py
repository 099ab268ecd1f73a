"""Response headers that Django does not set itself, no body for HEAD, and 405 before the CSRF
check."""

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.views.decorators.http import require_safe


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy and Cross-Origin-Resource-Policy to every response, lets admin
    pages (only) run the admin's scripts and its one inline style, and keeps search engines
    out of the admin (robots.txt does not name it: that would publish the ADMIN_URL it hides).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        if request.path_info.startswith("/" + settings.ADMIN_URL):
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
            # Django's change list adds one fixed inline <style> block when a model has no
            # actions; its hash allows exactly that block and nothing else.
            # Added to whatever a view's own csp_update asked for (django-csp's attribute).
            update = dict(getattr(response, "_csp_update", None) or {})
            update["style-src"] = [*update.get("style-src", []), ADMIN_CHANGE_LIST_STYLE_HASH]
            response._csp_update = update
            # The admin's JavaScript, from this site only (public pages allow none).
            replace = dict(getattr(response, "_csp_replace", None) or {})
            replace.setdefault("script-src", ["'self'"])
            # The admin's autosave (static/js/admin-autosave.js) posts to this site only.
            replace.setdefault("connect-src", ["'self'"])
            response._csp_replace = replace
        return response


class HeadWithoutBodyMiddleware:
    """A HEAD request gets the headers a GET would, and no body (RFC 9110, 9.3.2).

    Django's handler sends the page's body for HEAD too; gunicorn drops it but logs "WSGI app
    sent body bytes on a no-body response" for every such request. First in MIDDLEWARE, so
    every response is covered: pages, cached pages (the page cache's hits), error pages and
    static files. Content-Length stays the length of the GET's body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            without_body(response)
        return response


def without_body(response):
    """Empty `response`'s body, keeping the Content-Length its GET would have."""
    if response.streaming:
        # Files stay registered with the response, which closes them when it is closed.
        response.streaming_content = []
    else:
        response.headers.setdefault("Content-Length", str(len(response.content)))
        response.content = b""
    return response


# Checked against Django's template by tests/security/test_headers.py.
ADMIN_CHANGE_LIST_STYLE_HASH = "'sha256-blvLUW3UscWqsXGByNOqdBboM+ShWAuugp2mC/wbafU='"


def read_only(view):
    """`require_safe`, marked so that MethodNotAllowedMiddleware can answer 405 for it."""
    view = require_safe(view)
    view.allowed_methods = frozenset({"GET", "HEAD"})
    return view


def _allowed_methods(view):
    """The methods a view answers, when it says so (class-based views, `read_only` views)."""
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        return getattr(view, "allowed_methods", None)
    methods = {name.upper() for name in view_class.http_method_names if hasattr(view_class, name)}
    if "GET" in methods:
        methods.add("HEAD")  # View.setup() answers HEAD with get()
    return methods


class MethodNotAllowedMiddleware:
    """A POST to a read-only page gets 405 Method Not Allowed, not the CSRF check's 403.

    Runs just before CsrfViewMiddleware: a view that never accepts the method has nothing for
    the CSRF check to protect, and 405 tells the client what is really wrong. Views that accept
    the method (forms, the admin) go through the CSRF check as usual.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, view_args, view_kwargs):
        allowed = _allowed_methods(view)
        if allowed is not None and request.method not in allowed:
            return HttpResponseNotAllowed(sorted(allowed))
        return None
