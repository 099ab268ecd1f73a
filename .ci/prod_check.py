"""The production path without Docker: collectstatic, check --deploy, and a real gunicorn.

Run by `make prod-check` and CI. Exits non-zero, saying why, on the first failure.
"""

import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))  # the free-port helper the tests use
from tests.security.servers import free_port  # noqa: E402

PORT = os.environ.get("PROD_CHECK_PORT") or str(free_port())
BASE = f"http://127.0.0.1:{PORT}"


def fail(message):
    sys.exit(f"prod-check: {message}")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def fetch(path, headers=None):
    request = urllib.request.Request(
        BASE + path, headers={"X-Forwarded-Proto": "https", **(headers or {})}
    )
    try:
        with _opener.open(request, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def main():
    workdir = Path(tempfile.mkdtemp(prefix="prod-check-"))
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{workdir / 'db.sqlite3'}"),
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        # A public address and a mail server, as production has (check --deploy warns without).
        "SITE_URL": "https://smarttherapy.example",
        "EMAIL_URL": "smtp://localhost:25",
        # A discreet sender that does not name the practice (check --deploy warns without).
        "NEUTRAL_FROM_EMAIL": "appointments@mail.example",
        "HOST": "127.0.0.1",
        "PORT": PORT,
        "WEB_CONCURRENCY": "2",
    }
    for name in ("SECURE_SSL_REDIRECT", "ADMIN_REQUIRE_2FA"):  # their production defaults
        env.pop(name, None)

    def manage(*args):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)

    manage("collectstatic", "--noinput", "--verbosity", "0")
    manage("check", "--deploy", "--fail-level", "WARNING")
    manage("migrate", "--noinput", "--verbosity", "0")

    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py"], cwd=ROOT, env=env
    )
    try:
        for _ in range(100):
            try:
                if fetch("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            fail("gunicorn did not answer /healthz")

        status, headers, _ = fetch("/healthz", headers={"X-Forwarded-Proto": "http"})
        if status != 200:
            fail(f"/healthz over plain HTTP answered {status}, expected 200 (redirect exemption)")
        status, headers, body = fetch("/articles/")
        if status != 200:
            fail(f"/articles/ answered {status}")
        match = re.search(rb'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', body)
        if not match:
            fail("the page links no hashed stylesheet")
        status, headers, _ = fetch(match.group(1).decode(), headers={"Accept-Encoding": "gzip"})
        cache_control = headers.get("Cache-Control", "")
        if status != 200 or "max-age=31536000" not in cache_control:
            fail(f"hashed static file: status {status}, Cache-Control {cache_control!r}")
        status, headers, _ = fetch("/articles/", headers={"X-Forwarded-Proto": "http"})
        if status != 301:
            fail(f"plain HTTP was not redirected to HTTPS (status {status})")
        print("prod-check: collectstatic, check --deploy, gunicorn, page and static file all fine")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
