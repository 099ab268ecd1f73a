"""Fetching an image from another site (an import's), safely.

Only from the hosts allowed (by name, with an optional port), over http or https, with limits
on size and time. The host's addresses are looked up once and the connection goes to the address
checked: a private, loopback, link-local or otherwise special address is refused unless the
host was allowed by name by the person running the import (`extra_hosts`: e.g. a test server on
127.0.0.1). Redirects are followed a few times, each checked the same way. What arrives must be
an image Pillow reads (the same check as an upload), or it is refused.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from core import images

DEFAULT_HOSTS = frozenset({"images.squarespace-cdn.com", "static1.squarespace.com"})
TIMEOUT_SECONDS = 15
MAX_REDIRECTS = 3
USER_AGENT = "SmartTherapy-import/1.0"


class FetchError(Exception):
    """Why an image could not be brought home, in words for the import's report."""


@dataclass(frozen=True)
class Fetched:
    content: bytes
    name: str  # a file name for storing it, from the address


def host_allowed(url, allowed_hosts):
    """True if the address's host (or host:port) is one of `allowed_hosts`."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        return False
    allowed = {entry.lower() for entry in allowed_hosts}
    return host in allowed or (port is not None and f"{host}:{port}" in allowed)


def fetch_image(
    url,
    extra_hosts=(),
    default_hosts=DEFAULT_HOSTS,
    max_bytes=images.MAX_UPLOAD_BYTES,
    timeout=TIMEOUT_SECONDS,
):
    """The image at `url`, or FetchError saying why not."""
    trusted = set(extra_hosts)
    allowed = set(default_hosts) | trusted
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        status, headers, body = _get(url, allowed, trusted, max_bytes, deadline)
        if status in {301, 302, 303, 307, 308} and headers.get("location"):
            url = urljoin(url, headers["location"])
            continue
        if status != 200:
            raise FetchError(f"the server answered {status}")
        break
    else:
        raise FetchError("too many redirects")
    upload = ContentFile(body, name=_file_name(url))
    try:
        images.validate_image(upload)
    except ValidationError as error:
        reason = "too many pixels" if "pixels" in error.messages[0] else "JPEG, PNG, WebP or GIF"
        raise FetchError(f"not an image we can use ({reason})") from None
    return Fetched(body, upload.name)


def fetch_page(url, extra_hosts=(), default_hosts=(), max_bytes=2 * 2**20, timeout=TIMEOUT_SECONDS):
    """The HTML of the web page at `url` (text), or FetchError saying why not: the same checks
    of host and address as for an image."""
    trusted = set(extra_hosts)
    allowed = set(default_hosts) | trusted
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        status, headers, body = _get(url, allowed, trusted, max_bytes, deadline, "text/html")
        if status in {301, 302, 303, 307, 308} and headers.get("location"):
            url = urljoin(url, headers["location"])
            continue
        if status != 200:
            raise FetchError(f"the server answered {status}")
        if "html" not in headers.get("content-type", "text/html"):
            raise FetchError("not a web page")
        return body.decode("utf-8", errors="replace")
    raise FetchError("too many redirects")


def _get(url, allowed, trusted, max_bytes, deadline, accept="image/*"):
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError(f"not a web address ({parts.scheme or 'no scheme'})")
    if not host_allowed(url, allowed):
        raise FetchError(
            f"{parts.hostname or 'no host'} is not an allowed host (add it with --allow-host)"
        )
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _address(host, port, trusted_by_name=host_allowed(url, trusted))
    sock = None
    try:
        sock = socket.create_connection((address, port), timeout=_left(deadline))
        if parts.scheme == "https":
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
        connection_class = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        connection = connection_class(host, port, timeout=_left(deadline))
        connection.sock = sock  # already connected, to the address checked above
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": accept})
        response = connection.getresponse()
        headers = {key.lower(): value for key, value in response.getheaders()}
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise FetchError(f"larger than {_size(max_bytes)}")
        body = bytearray()
        while chunk := response.read(64 * 1024):
            body += chunk
            if len(body) > max_bytes:
                raise FetchError(f"larger than {_size(max_bytes)}")
            _left(deadline)  # each read waits at most the socket's timeout; all of them, this
        return response.status, headers, bytes(body)
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(f"could not download it ({error.__class__.__name__}: {error})") from None
    finally:
        if sock is not None:
            sock.close()


def _address(host, port, trusted_by_name):
    """The address to connect to: refused if it is private or special, unless trusted."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        raise FetchError(f"{host} could not be found") from None
    addresses = [info[4][0] for info in infos]
    if not trusted_by_name:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
            if not ip.is_global or ip.is_multicast:
                raise FetchError(
                    f"{host} is a private or local address ({address}); refused unless allowed "
                    "by name with --allow-host"
                )
    return addresses[0]


def _left(deadline):
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError("took too long")
    return left


def _size(count):
    return f"{count / 2**20:g} MB" if count >= 2**20 else f"{count} bytes"


def _file_name(url):
    name = PurePosixPath(unquote(urlsplit(url).path)).name or "image"
    return name[-100:]
