"""Two app server processes share the cache: a change made anywhere shows in both at once.

Real gunicorn processes on ports the OS gives, a SQLite file database, and either Redis (the
database in TEST_REDIS_URL, default 0; every key under a prefix of this run's own, deleted
after: never a flush, so a developer's own keys survive) or each process's own local-memory
cache with the shared generation file. Content is changed by a third process, as staff saving
in the admin would.
"""

import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.security.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
URL = "/articles/shared-article/"


def redis_or_skip():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"Redis is not running at {REDIS_URL}")
    return client


@pytest.fixture(params=["redis", "local-memory"])
def site(request, tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "PAGE_CACHE_ENABLED": "true",
        "PAGE_CACHE_GENERATION_FILE": str(tmp_path / "generation"),
        "WEB_CONCURRENCY": "1",
        "HOST": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    redis = None
    prefix = f"st-test-{secrets.token_hex(6)}"
    if request.param == "redis":
        redis = redis_or_skip()
        env["CACHE_URL"] = f"{REDIS_URL}?key_prefix={prefix}"
    else:
        env["CACHE_URL"] = "locmemcache://"

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=120
        )

    manage("migrate", "--noinput", "--verbosity", "0")
    servers = {}
    try:
        for _ in range(2):
            port = free_port()
            servers[port] = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
                cwd=ROOT,
                env={**env, "PORT": str(port)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        for port in servers:
            wait_until_up(port)
        yield SimpleNamespace(ports=list(servers), change=lambda code: manage("shell", "-c", code))
    finally:
        for server in servers.values():
            server.terminate()
        for server in servers.values():
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        if redis is not None:
            keys = list(redis.scan_iter(f"{prefix}:*"))
            if keys:
                redis.delete(*keys)


def get(port, path=URL):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, response.headers.get("X-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache"), ""


def wait_until_up(port):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if get(port, "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn on port {port} did not start")


CREATE = (
    "from tests.factories import make_article; "
    "make_article('First title', slug='shared-article', summary='Some words.', body='Plain body.')"
)
RENAME = (
    "from articles.models import Article; "
    "a = Article.objects.get(slug='shared-article'); a.title = 'Second title'; a.save()"
)
DELETE = (
    "from articles.models import Article; Article.objects.filter(slug='shared-article').delete()"
)


def test_a_change_made_elsewhere_shows_in_every_process_on_the_next_request(site):
    site.change(CREATE)
    for port in site.ports:
        get(port)
        status, cache, body = get(port)
        assert (status, cache) == (200, "HIT"), port
        assert "First title" in body

    site.change(RENAME)

    for port in site.ports:
        status, cache, body = get(port)
        assert status == 200
        assert "Second title" in body, port
        assert "First title" not in body, port

    site.change(DELETE)

    for port in site.ports:
        assert get(port)[0] == 404, port
