"""HEAD requests to a real gunicorn: the headers a GET would get, no body, and nothing in
gunicorn's log (it warns "WSGI app sent body bytes on a no-body response" for each HEAD whose
body the app sent anyway)."""

import http.client
import json

import pytest

from tests.security.servers import ROOT, Gunicorn, fetch, free_port, manage, production_env

GUNICORN_WARNING = "no-body response"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("head")
    env = production_env(
        DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
        PAGE_CACHE_ENABLED="true",
        PAGE_CACHE_GENERATION_FILE=str(folder / "generation"),
        MEDIA_ROOT=str(folder / "media"),
    )
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--force")
    server = Gunicorn(free_port(), env, folder / "gunicorn.log")
    try:
        server.wait_until_listening()
        server.log_path = folder / "gunicorn.log"
        yield server
    finally:
        server.stop()


def head(server, path):
    host, port = server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=15)
    try:
        connection.request("HEAD", path)
        response = connection.getresponse()
        return response.status, response.headers
    finally:
        connection.close()


def test_head_requests_get_headers_only_and_gunicorn_logs_no_warning(site):
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    article = "/articles/what-happens-in-a-first-therapy-session/"
    paths = ["/", "/articles/", article, "/articles/feed/", "/therapists/", "/contact/",
             "/robots.txt", "/sitemap.xml", "/healthz", "/no-such-page/",
             "/static/" + manifest["paths"]["css/site.css"]]  # fmt: skip

    for path in paths:
        status, get_headers, body, _seconds = fetch(site.url + path)
        head_status, head_headers = head(site, path)  # after a GET: the page cache's hit
        assert head_status == status, path
        assert head_headers["Content-Type"] == get_headers["Content-Type"], path
        assert int(head_headers["Content-Length"]) == len(body), path
    # A first HEAD, before any GET (the page cache's miss).
    assert head(site, "/therapists/modalities/")[0] == 200
    assert head(site, article)[1]["X-Cache"] == "HIT"

    site.stop()
    log = site.log_path.read_text()
    assert GUNICORN_WARNING not in log, log[-2000:]
    assert "HEAD /articles/" in log  # the access log did see the requests
