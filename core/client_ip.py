"""The client's address, read from X-Forwarded-For only when our own proxies set it."""

from ipaddress import ip_address

from django.conf import settings


def _valid(address):
    try:
        return str(ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The address that sent the request.

    With TRUSTED_PROXY_COUNT = n > 0, each of our n proxies appended the address it saw to
    X-Forwarded-For, so the client is the n-th entry from the right; anything further left was
    written by the client and is ignored. With 0 (the default) the header is ignored entirely,
    since anyone can send it, and the TCP peer (REMOTE_ADDR) is the client.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            address = _valid(forwarded[-count])
            if address:
                return address
    return _valid(remote) or remote
