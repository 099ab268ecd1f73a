from django.conf import settings


def practice(request):
    """The practice's details and crisis signposting, for the header, footer and metadata.

    Settings only, never the database: the 500 page is rendered with this too.
    """
    return {"practice": settings.PRACTICE, "crisis": settings.CRISIS, "site_url": settings.SITE_URL}
