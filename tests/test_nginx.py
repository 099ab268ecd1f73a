"""deploy/nginx.conf in front of a real gunicorn, as visitors and staff meet it.

The very file the project ships, with its paths, ports and TLS swapped by deploy/nginx_local.py
(the rules the compose stack and `make bench` use too), and its documented debug switch on, so
responses say what the micro-cache did in X-Cache-Status. Production settings, the demo content,
ports asked of the OS. Without nginx the module is skipped, except in CI (CI=true), where a
missing nginx is a failure.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import pytest

from deploy import nginx_local
from tests.security.servers import ROOT, Gunicorn, fetch, free_port, manage, production_env

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ARTICLE = "/articles/what-happens-in-a-first-therapy-session/"
# The search box keeps at most this many characters (MAX_LENGTH in the search app's query.py).
SEARCH_MAX_LENGTH = 200


def nginx_or_skip():
    if not Path(NGINX).exists():
        message = "nginx is not installed (apt-get install nginx): deploy/nginx.conf untested"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    nginx_or_skip()
    folder = tmp_path_factory.mktemp("nginx")
    # nginx's workers (run as nobody when the tests run as root) must reach media and static
    # files: pytest's own folders are private, so nginx gets a readable one of its own.
    prefix = Path(tempfile.mkdtemp(prefix="smarttherapy-nginx-"))
    prefix.chmod(0o755)
    env = production_env(
        DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
        PAGE_CACHE_ENABLED="true",
        PAGE_CACHE_GENERATION_FILE=str(folder / "generation"),
        MEDIA_ROOT=str(prefix / "media"),
        TRUSTED_PROXY_COUNT="1",
        WEB_CONCURRENCY="2",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--force")
    # nginx serves STATIC_ROOT (the project's staticfiles/, collected by `make test`) as static/.
    (prefix / "static").symlink_to(ROOT / "staticfiles")
    (prefix / "cache").mkdir()
    (prefix / "cache").chmod(0o777)  # written by nginx's workers
    app_port, port, http_port = free_port(), free_port(), free_port()
    config = nginx_local.local(
        prefix,
        upstream_port=app_port,
        port=port,
        http_port=http_port,
        static_parent=prefix,
        cache_dir=prefix / "cache",
        show_cache_status=True,
    )
    app = Gunicorn(app_port, env, folder / "gunicorn.log")
    nginx = None
    try:
        app.wait_until_listening()
        nginx = nginx_local.start(NGINX, prefix, config, port)
        app.get(ARTICLE, timeout=60)  # the first page a fresh worker renders is slow
        yield Site(f"http://127.0.0.1:{port}", env, prefix)
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=20)
        app.stop()
        shutil.rmtree(prefix, ignore_errors=True)


class Site:
    def __init__(self, url, env, prefix):
        self.url, self.env, self.prefix = url, env, prefix

    def get(self, path, **headers):
        status, response_headers, body, _ = fetch(self.url + path, timeout=30, headers=headers)
        return status, response_headers, body

    def cache_statuses(self, path, times=4, **headers):
        """What the micro-cache did for `times` requests in a row."""
        return [self.get(path, **headers)[1].get("X-Cache-Status") for _ in range(times)]

    def cached_files(self):
        return [p for p in (self.prefix / "cache").rglob("*") if p.is_file()]


def wait_for_hit(site, path, seconds=5):
    """The page from the micro-cache, asking again (a loaded machine may take a moment)."""
    deadline = time.monotonic() + seconds
    while True:
        status, headers, body = site.get(path)
        if headers.get("X-Cache-Status") == "HIT" or time.monotonic() > deadline:
            return status, headers, body
        time.sleep(0.05)


def test_resized_photos_are_served_and_originals_never_are(site):
    media = {
        "therapists/200/ada-200.webp": 200,
        "articles/display/hero-1200.webp": 200,
        "therapists/originals/ada.jpg": 404,
        "articles/originals/hero.jpg": 404,
        "articles/hero.jpg": 404,  # uploaded before originals had their own folder
    }
    for name in media:
        (site.prefix / "media" / name).parent.mkdir(parents=True, exist_ok=True)
        (site.prefix / "media" / name).write_bytes(b"RIFF....WEBPVP8 not really an image")

    served = {name: site.get(f"/media/{name}")[0] for name in media}

    assert served == media
    assert site.get("/media/therapists/200/ada-200.webp")[1]["Content-Type"] == "image/webp"


def test_static_files_are_served_by_nginx_and_kept_a_year(site):
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    status, headers, body = site.get("/static/" + manifest["paths"]["css/site.css"])

    assert status == 200
    assert body == (ROOT / "staticfiles" / manifest["paths"]["css/site.css"]).read_bytes()
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "X-Cache-Status" not in headers  # a file, not through the micro-cache


def test_an_anonymous_visitor_gets_the_page_from_the_micro_cache_with_every_header(site):
    first_status, first_headers, first_body = site.get(ARTICLE)
    status, headers, body = wait_for_hit(site, ARTICLE)

    assert (first_status, status) == (200, 200)
    assert headers["X-Cache-Status"] == "HIT"
    assert body == first_body
    for name in ("Content-Security-Policy", "Strict-Transport-Security", "Permissions-Policy"):
        assert headers[name] == first_headers[name]
    assert "Set-Cookie" not in headers


@pytest.mark.parametrize("cookie", ["__Host-sessionid=staff-session", "__Host-csrftoken=token"])
def test_a_visitor_with_a_session_or_form_cookie_never_gets_a_cached_page(site, cookie):
    assert wait_for_hit(site, ARTICLE)[1]["X-Cache-Status"] == "HIT"  # cached for others

    statuses = site.cache_statuses(ARTICLE, Cookie=f"theme=dark; {cookie}")

    assert statuses == ["BYPASS"] * 4


def test_a_search_is_never_cached_nor_written_to_the_cache_folder(site):
    wait_for_hit(site, ARTICLE)  # the cache folder holds pages
    statuses = site.cache_statuses("/search/?q=panicattacksatnight")

    assert statuses == ["BYPASS"] * 4
    assert site.get("/search/?q=panicattacksatnight")[0] == 200
    cached = site.cached_files()
    assert cached and not any(b"panicattacksatnight" in p.read_bytes() for p in cached)


@pytest.mark.parametrize(
    "path", ["/contact/", "/contact/thanks/", "/report-a-problem/", "/admin/login/", "/healthz"]
)
def test_forms_their_thanks_pages_the_admin_and_the_health_check_are_never_cached(site, path):
    statuses = site.cache_statuses(path)

    assert "HIT" not in statuses
    assert site.get(path)[0] in (200, 302)


def test_an_edit_in_the_admin_reaches_visitors_within_two_seconds(site):
    assert wait_for_hit(site, ARTICLE)[1]["X-Cache-Status"] == "HIT"
    # Saved as the admin saves it (the model's save and its signals), by another process, while
    # a visitor keeps reading the page; the time is taken from the moment the save returned.
    editor = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c",
         "import time\n"
         "from articles.models import Article\n"
         f"a = Article.objects.get(slug={ARTICLE.split('/')[2]!r})\n"
         "a.title = 'Your first session, step by step'\n"
         "a.save()\n"
         "print(time.time(), flush=True)\n"],
        cwd=ROOT, env=site.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    seen_at = None
    deadline = time.monotonic() + 60
    while seen_at is None and time.monotonic() < deadline:
        if b"Your first session, step by step" in site.get(ARTICLE)[2]:
            seen_at = time.time()
        time.sleep(0.05)
    out, err = editor.communicate(timeout=60)
    assert editor.returncode == 0, err
    saved_at = float(out.split()[-1])

    assert seen_at is not None and seen_at - saved_at <= 2, seen_at and seen_at - saved_at


def test_the_longest_search_the_box_accepts_passes_nginx(site):
    """Four bytes a character, each sent as %XX: nginx's header buffers take the whole line."""
    query = urllib.parse.quote("\N{MUSICAL SYMBOL G CLEF}" * SEARCH_MAX_LENGTH)

    status, _, body = site.get(f"/search/?q={query}&page=1")

    assert status == 200
    assert b"Search" in body


def test_the_compose_stacks_nginx_configuration_is_accepted_by_nginx(tmp_path):
    """What the Dockerfile's nginx stage installs: plain HTTP on port 80, no TLS left, the app
    at web:8000 (here 127.0.0.1, which nginx -t can resolve without the stack)."""
    nginx_or_skip()
    server_blocks = nginx_local.compose()
    assert "ssl_" not in server_blocks and "return 301 https" not in server_blocks
    assert "server web:8000" in server_blocks and "listen 80;" in server_blocks
    tmp_path.chmod(0o755)
    site_conf = tmp_path / "default.conf"
    site_conf.write_text(
        server_blocks.replace("server web:8000", "server 127.0.0.1:8000")
        .replace("/var/cache/nginx/smarttherapy", str(tmp_path / "cache"))
        .replace("listen 80;", f"listen 127.0.0.1:{free_port()};")
    )
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{ include /etc/nginx/mime.types; include {site_conf}; }}\n"
    )

    check = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True
    )

    assert check.returncode == 0, check.stderr


def test_an_nginx_that_cannot_bind_its_second_port_is_reported_not_returned(tmp_path):
    """nginx listens on the page port before binding the plain-HTTP one; when that one is taken
    it gives up a few seconds later. `nginx -t` has already left an empty pid file behind, so
    only nginx's own pid in that file says it started: a CI run got a process back that was gone
    by its first request."""
    nginx_or_skip()
    tmp_path.chmod(0o755)
    port, http_port = free_port(), free_port()
    config = nginx_local.local(
        tmp_path, upstream_port=free_port(), port=port, http_port=http_port, static_parent=tmp_path
    )
    with socket.socket() as taken:
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        taken.bind(("127.0.0.1", http_port))
        taken.listen()

        with pytest.raises(nginx_local.ConfigError, match="did not start"):
            nginx_local.start(NGINX, tmp_path, config, port)
