"""Two app server processes share the cache: a change made anywhere shows in both at once.

Real gunicorn processes on ports 8778 and 8779, a SQLite file database, and either Redis (db 7,
flushed before and after) or each process's own local-memory cache with the shared generation
file. Content is changed by a third process, as staff saving in the admin would.
"""

import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/7"
PORTS = (8778, 8779)
URL = "/articles/shared-article/"


def redis_or_skip():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
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
    if request.param == "redis":
        redis = redis_or_skip()
        redis.flushdb()
        env["CACHE_URL"] = REDIS_URL
    else:
        env["CACHE_URL"] = "locmemcache://"

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=120
        )

    manage("migrate", "--noinput", "--verbosity", "0")
    servers = []
    try:
        for port in PORTS:
            servers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
                    cwd=ROOT,
                    env={**env, "PORT": str(port)},
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        for port in PORTS:
            wait_until_up(port)
        yield lambda code: manage("shell", "--command", code)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        if redis is not None:
            redis.flushdb()


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
    site(CREATE)
    for port in PORTS:
        get(port)
        status, cache, body = get(port)
        assert (status, cache) == (200, "HIT"), port
        assert "First title" in body

    site(RENAME)

    for port in PORTS:
        status, cache, body = get(port)
        assert status == 200
        assert "Second title" in body, port
        assert "First title" not in body, port

    site(DELETE)

    for port in PORTS:
        assert get(port)[0] == 404, port
