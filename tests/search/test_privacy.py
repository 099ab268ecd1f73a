"""Search terms are health data: never stored, cached, indexed by search engines or logged."""

import datetime
import io
import logging
import re
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.sitemaps.views import sitemap  # noqa: F401 - the sitemap is checked below
from django.core.cache import cache
from django.urls import reverse
from django.utils.http import urlencode

from tests.security.servers import free_port_pair

ROOT = Path(__file__).resolve().parents[2]
TERMS = "kill myself tonight"

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_a_search_stores_nothing_in_the_database(client, site):
    before = row_counts()
    client.get(reverse("search"), {"q": TERMS})
    client.get(reverse("search"), {"q": "CBT"})
    assert row_counts() == before


def test_search_pages_are_never_cached_nor_looked_up_in_the_page_cache(
    client, site, settings, monkeypatch
):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    looked_up = []
    original_get = cache.get
    monkeypatch.setattr(
        cache, "get", lambda key, *a, **k: looked_up.append(key) or original_get(key, *a, **k)
    )
    for _ in range(2):
        response = client.get(reverse("search"), {"q": TERMS})
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert not [
        key for key in looked_up if key.startswith("pagecache:") and "generation" not in key
    ]
    # Another page is still cached, so the page cache was on.
    client.get(reverse("home"))
    assert client.get(reverse("home"))["X-Cache"] == "HIT"
    cache.clear()


def test_the_search_page_is_noindex_and_sends_no_referrer(client, site):
    response = client.get(reverse("search"), {"q": TERMS})
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.text
    assert '<link rel="canonical"' not in response.text
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_sitemap_lists_no_search_page(client, site):
    xml = client.get(reverse("sitemap")).text
    assert "/search" not in xml
    assert site["coping"].get_absolute_url() in xml


def _gunicorn_logger():
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    from gunicorn.config import Config

    gunicorn_config = Config()
    gunicorn_config.set("accesslog", None)
    return config["logger_class"](gunicorn_config)


def _atoms(logger, path, query, referer="-", raw_uri=None):
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": raw_uri or (f"{path}?{query}" if query else path),
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": referer,
    }
    response = SimpleNamespace(status="200 OK", sent=100, headers=[])
    request = SimpleNamespace(headers=[("REFERER", referer)])
    return logger.atoms(response, request, environ, datetime.timedelta(milliseconds=5))


def test_gunicorns_access_log_drops_the_query_string_of_a_search():
    logger = _gunicorn_logger()
    atoms = _atoms(logger, "/search/", "q=kill+myself+tonight")
    line = logger.cfg.access_log_format % atoms
    assert "kill" not in line and "GET /search/ HTTP/1.1" in line
    # ...and of a Referer that points at a search (a result opened from it).
    atoms = _atoms(logger, "/articles/x/", "", referer="https://example.org/search/?q=kill+myself")
    line = logger.cfg.access_log_format % atoms
    assert "kill" not in line and "https://example.org/search/" in line
    # Other pages keep their query strings.
    atoms = _atoms(logger, "/therapists/", "modality=cbt")
    assert "/therapists/?modality=cbt" in logger.cfg.access_log_format % atoms


def test_gunicorn_compares_the_search_address_after_percent_decoding():
    logger = _gunicorn_logger()
    # /search/%3Fq=… arrives with its terms in the path, decoded: /search/?q=…
    atoms = _atoms(logger, "/search/?q=kill myself", "", raw_uri="/search/%3Fq=kill+myself+tonight")
    line = logger.cfg.access_log_format % atoms
    assert "kill" not in line and "GET /search/ HTTP/1.1" in line
    referer = "https://example.org/%73earch/?q=kill+myself"
    atoms = _atoms(logger, "/articles/x/", "", referer=referer)
    line = logger.cfg.access_log_format % atoms
    assert "kill" not in line and "https://example.org/search/" in line


def _console_handler():
    from smarttherapy.private_logs import NoSearchTerms

    (handler,) = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, NoSearchTerms) for f in handler.filters)
    ]
    return handler


@pytest.mark.parametrize(
    "path", ["/search/%3Fq=kill+myself+tonight", "/%73earch/%3Fq=kill+myself", "/search%3Fq=kill"]
)
def test_djangos_not_found_line_never_names_what_was_searched_for(client, path):
    handler = _console_handler()
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        assert client.get(path).status_code == 404
    finally:
        handler.setStream(previous)
    logged = stream.getvalue()
    assert "Not Found: /search/" in logged
    assert "kill" not in logged


def test_every_answer_of_the_search_address_is_private(client, site):
    for response in [
        client.get(reverse("search"), {"q": TERMS, "page": "0"}),
        client.get(reverse("search"), {"q": TERMS, "page": "x"}),
        client.get("/search", {"q": TERMS}),
    ]:
        assert response.status_code in (404, 301)
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"
        assert response["Referrer-Policy"] == "no-referrer"
    redirected = client.get("/search", {"q": "cbt"})
    assert redirected["Location"] == "/search/?q=cbt"
    assert client.get(redirected["Location"]).status_code == 200


def test_the_search_boxes_take_no_more_than_the_server_keeps_and_fit_the_request_line(client, site):
    from search.query import MAX_LENGTH

    boxes = re.findall(r'<input type="search"[^>]*>', client.get(reverse("search")).text)
    assert len(boxes) == 2
    assert all(f'maxlength="{MAX_LENGTH}"' in box for box in boxes)
    # The longest query a box lets through, in 4-byte characters (a browser's maxlength counts
    # one such emoji as 2), percent-encoded, fits gunicorn's 4,094-byte request line.
    longest = urlencode({"q": "\U0001f600" * (MAX_LENGTH // 2), "kind": "articles"})
    assert len(f"GET /search/?{longest} HTTP/1.1") < 4094
    bmp = urlencode({"q": "\u6f22" * MAX_LENGTH, "kind": "articles"})
    assert len(f"GET /search/?{bmp} HTTP/1.1") < 4094


def test_nginx_logs_searches_without_their_query_string():
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    formats = re.findall(r"log_format (\w+)", conf)
    assert formats == ["smarttherapy_private"]
    assert "$request " not in conf and '$request_uri"' not in conf
    logs = re.findall(r"^\s*access_log (\S+) (\S+);", conf, re.M)
    assert len(logs) == 2 and all(fmt == "smarttherapy_private" for _, fmt in logs)
    assert "map $request_uri $smarttherapy_logged_uri" in conf


def test_nginx_really_logs_searches_without_their_terms(tmp_path):
    """deploy/nginx.conf as `make loadtest` runs it (TLS swapped for a local port), with no
    app behind it: the maintenance page answers, and the access log line is written."""
    import importlib.util
    import shutil
    import time
    import urllib.error
    import urllib.request

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is not installed")
    spec = importlib.util.spec_from_file_location("loadtest", ROOT / ".ci" / "loadtest.py")
    loadtest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loadtest)
    loadtest.NGINX_PORT = port = free_port_pair()
    with __import__("socket").socket() as probe:  # a port nothing listens on: the app is "down"
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    config = loadtest.nginx_config(tmp_path, dead_port)
    process = loadtest.start_nginx(tmp_path, config)
    try:
        base = f"http://127.0.0.1:{port}"
        requests = [
            urllib.request.Request(f"{base}/search/?q=kill+myself+tonight"),
            urllib.request.Request(f"{base}/search?q=overdose"),
            # The sweep's forms: an encoded "?" and an encoded letter of "search".
            urllib.request.Request(f"{base}/search/%3Fq=suicidal"),
            urllib.request.Request(f"{base}/%73earch/?q=pills"),
            urllib.request.Request(
                f"{base}/articles/a/", headers={"Referer": f"{base}/search/?q=self+harm"}
            ),
            urllib.request.Request(
                f"{base}/articles/b/", headers={"Referer": f"{base}/%73earch/?q=hopeless"}
            ),
            urllib.request.Request(f"{base}/therapists/?modality=cbt"),
        ]
        for request in requests:
            try:
                urllib.request.urlopen(request, timeout=5)  # noqa: S310 - loopback
            except urllib.error.HTTPError as error:
                assert error.code == 503
    finally:
        process.terminate()
        process.wait(timeout=10)
    time.sleep(0.1)
    log = (tmp_path / "logs" / "access.log").read_text()
    assert log.count("\n") == 7, log
    for word in ("kill", "myself", "overdose", "harm", "suicidal", "pills", "hopeless", "q="):
        assert word not in log.replace("modality=cbt", ""), log
    assert log.count('"GET /search/ HTTP/1.1"') == 4
    # Of a Referer, only the site is logged.
    assert log.count(f'"{base}/"') == 2
    assert "/therapists/?modality=cbt" in log
