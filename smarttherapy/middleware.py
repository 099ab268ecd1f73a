"""Response headers that Django does not set itself."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy and Cross-Origin-Resource-Policy to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        if request.path_info.startswith("/" + settings.ADMIN_URL):
            # Django's change list adds one fixed inline <style> block when a model has no
            # actions; its hash allows exactly that block and nothing else.
            # Added to whatever a view's own csp_update asked for (django-csp's attribute).
            update = dict(getattr(response, "_csp_update", None) or {})
            update["style-src"] = [*update.get("style-src", []), ADMIN_CHANGE_LIST_STYLE_HASH]
            response._csp_update = update
        return response


# Checked against Django's template by tests/security/test_headers.py.
ADMIN_CHANGE_LIST_STYLE_HASH = "'sha256-blvLUW3UscWqsXGByNOqdBboM+ShWAuugp2mC/wbafU='"
