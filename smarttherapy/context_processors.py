from django.conf import settings


def practice(request):
    """The practice's name and contact details, for the header, footer and metadata."""
    return {"practice": settings.PRACTICE, "site_url": settings.SITE_URL}
