"""A small browser for the two-server tests: cookies, CSRF tokens from forms, multipart uploads,
no redirects followed, and which server answered (nginx's X-Upstream)."""

import http.cookiejar
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


@dataclass
class Page:
    status: int
    headers: object
    body: bytes
    server: str  # "a" or "b"

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def csrf(self):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.text).group(1)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, cluster):
        self.cluster = cluster
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def _open(self, method, path, data=None, headers=None):
        request = urllib.request.Request(
            self.cluster.url + path, data=data, method=method, headers=headers or {}
        )
        try:
            with self._opener.open(request, timeout=30) as response:
                status, response_headers, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, response_headers, body = error.code, error.headers, error.read()
        upstream = response_headers.get("X-Upstream", "")
        server = self.cluster.server_name(upstream) if upstream else ""
        return Page(status, response_headers, body, server)

    def aim(self, server):
        """Make nginx's round-robin send the next request to `server` ("a" or "b")."""
        for _ in range(4):
            if self._open("GET", "/healthz").server != server:
                return
        raise AssertionError("nginx does not alternate between the servers")

    def get(self, path, on):
        self.aim(on)
        page = self._open("GET", path)
        assert page.server == on, f"GET {path} went to {page.server}, not {on}"
        return page

    def post(self, path, fields, on, files=None, csrf_from=None):
        """POST `fields` (and `files`: name -> (file name, bytes)), with the CSRF token of the
        form at `csrf_from` (default: `path`), fetched from the other server."""
        form = self.get(csrf_from or path, on="b" if on == "a" else "a")
        body, content_type = _multipart({**fields, "csrfmiddlewaretoken": form.csrf()}, files)
        self.aim(on)
        page = self._open("POST", path, body, {"Content-Type": content_type})
        assert page.server == on, f"POST {path} went to {page.server}, not {on}"
        return page

    def log_in(self, username, password, on):
        page = self.post(
            "/admin/login/?next=/admin/", {"username": username, "password": password}, on=on
        )
        assert page.status == 302, page.text[:2000]


def _multipart(fields, files=None):
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{item}\r\n".encode()
            )
    for name, (file_name, content) in (files or {}).items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{file_name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def quote(text):
    return urllib.parse.quote(text)
