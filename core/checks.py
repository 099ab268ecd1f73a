"""Deployment checks (`manage.py check --deploy`) for settings that otherwise fail silently.

Without SITE_URL, canonical and Open Graph addresses (and links in emails) point at
127.0.0.1; without EMAIL_URL, enquiry notifications are printed to the console and nobody at
the practice hears of them; with ADMIN_REQUIRE_2FA off, a stolen staff password is enough to
read enquiries. Nothing breaks visibly, so the deployment check says so.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Backends that never deliver a message.
UNDELIVERED_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


def _is_loopback(host):
    host = (host or "").rstrip(".").lower()
    if not host or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@register(Tags.security, deploy=True)
def check_public_settings(app_configs=None, **kwargs):
    if settings.DEBUG:
        return []
    warnings = []
    site_url = urlsplit(settings.SITE_URL)
    if site_url.scheme != "https" or _is_loopback(site_url.hostname):
        warnings.append(
            Warning(
                f"SITE_URL is {settings.SITE_URL!r}: canonical links, Open Graph addresses "
                "and links in emails would point there.",
                hint="Set SITE_URL to the site's public https:// address, e.g. "
                "https://www.smarttherapy.example.",
                id="core.W001",
            )
        )
    if settings.EMAIL_BACKEND in UNDELIVERED_EMAIL_BACKENDS:
        warnings.append(
            Warning(
                f"Email goes to {settings.EMAIL_BACKEND}: enquiry notifications would never "
                "reach the practice.",
                hint="Set EMAIL_URL to the mail server, e.g. "
                "smtp+tls://user:password@smtp.example.org:587.",
                id="core.W002",
            )
        )
    if not settings.ADMIN_REQUIRE_2FA:
        warnings.append(
            Warning(
                "ADMIN_REQUIRE_2FA is off: staff sign in to the admin with a password alone.",
                hint="Unset ADMIN_REQUIRE_2FA (it is on by default with DEBUG off).",
                id="core.W003",
            )
        )
    return warnings
