"""What every page (the error pages included) knows of the practice, from settings alone."""

from django.conf import settings


def practice(request):
    """The practice's details and crisis signposting, for the header, footer and metadata.

    Settings only, never the database: the 500 page is rendered with this too (through
    settings.ERROR_PAGE_CONTEXT, read by core.errors).
    """
    return {"practice": settings.PRACTICE, "crisis": settings.CRISIS, "site_url": settings.SITE_URL}


def urgent_help(request=None):
    """Where to get urgent help, in one plain sentence: the last line of the page sent when not
    even an error template can be rendered (settings.ERROR_PAGE_HELP, read by core.errors)."""
    crisis = settings.CRISIS
    return (
        f"{crisis['notice']} In an emergency call {crisis['emergency']} or go to A&E. "
        f"NHS {crisis['nhs']}. Samaritans {crisis['samaritans']}."
    )
