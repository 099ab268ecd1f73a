"""The 500 handler: the error page in the site's look, rendered without the database."""

import logging

from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader
from django.utils.html import escape

logger = logging.getLogger(__name__)


def server_error(request, template_name="500.html"):
    """The 500 page, rendered from settings alone.

    No context processors and no database: whatever broke (the database included) cannot break
    this page. If even the template fails, a plain page with the crisis numbers is returned.
    """
    context = {
        "request": request,
        "practice": settings.PRACTICE,
        "crisis": settings.CRISIS,
        "site_url": settings.SITE_URL,
    }
    try:
        body = loader.get_template(template_name).render(context)
    except Exception:
        logger.exception("The 500 page itself failed to render")
        crisis = settings.CRISIS
        body = (
            '<!doctype html><html lang="en-GB"><meta charset="utf-8">'
            "<title>Sorry, something went wrong</title>"
            "<h1>Sorry, something went wrong on our side</h1>"
            "<p>Please try again in a few minutes.</p>"
            f"<p>{escape(crisis['notice'])} In an emergency call {escape(crisis['emergency'])}"
            f" or go to A&amp;E. NHS {escape(crisis['nhs'])}. Samaritans"
            f" {escape(crisis['samaritans'])}.</p></html>"
        )
    return HttpResponseServerError(body)
