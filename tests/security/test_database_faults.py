"""The database refused, stopped, hung or frozen: a real gunicorn answers 503 quickly, with
Retry-After and the friendly page; static files still serve; the site recovers without a restart.

Refused, stopped and hung run against the real PostgreSQL through a TCP proxy that the test
controls (the shared cluster itself is never stopped). Frozen runs against a PostgreSQL cluster
the test creates and starts itself, whose processes it stops with SIGSTOP. Skipped when
PostgreSQL is not reachable (or its server programs are not installed), except in CI.
"""

import json
import os
import socket
import time
from urllib.parse import urlsplit

import pytest

from tests.security.servers import (
    ROOT,
    Gunicorn,
    OwnPostgres,
    TcpProxy,
    free_port,
    manage,
    postgres_bindir,
    production_env,
)

PG_URL = os.environ.get("FAULTS_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = f"smarttherapy_faults_{os.getpid()}"  # one per run: runs may overlap
CONNECT_TIMEOUT = 2


def postgres_or_skip():
    parts = urlsplit(PG_URL)
    try:
        socket.create_connection((parts.hostname, parts.port or 5432), timeout=2).close()
    except OSError:
        message = f"PostgreSQL is not reachable at {parts.hostname}:{parts.port}: set FAULTS_PG_URL"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return parts


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import psycopg

    parts = postgres_or_skip()
    with psycopg.connect(PG_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}"')
        connection.execute(f'CREATE DATABASE "{DB_NAME}"')
    user = f"{parts.username}{':' + parts.password if parts.password else ''}@"
    direct_url = f"postgres://{user}{parts.hostname}:{parts.port or 5432}/{DB_NAME}"
    manage(production_env(DATABASE_URL=direct_url), "migrate", "--noinput")
    manage(production_env(DATABASE_URL=direct_url), "load_demo", "--force")

    proxy = TcpProxy(free_port(), (parts.hostname, parts.port or 5432))
    proxy.up()
    env = production_env(
        DATABASE_URL=f"postgres://{user}127.0.0.1:{proxy.port}/{DB_NAME}",
        DB_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT),
        PAGE_CACHE_ENABLED="false",  # every request needs the database
        GUNICORN_TIMEOUT="60",
    )
    server = Gunicorn(free_port(), env, tmp_path_factory.mktemp("faults") / "gunicorn.log")
    try:
        server.wait_until_listening()
        server.proxy = proxy
        yield server
    finally:
        server.stop()
        proxy.close()
        with psycopg.connect(PG_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def static_stylesheet():
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def assert_friendly_503(server, path):
    status, headers, body, seconds = server.get(path)
    assert status == 503, (path, status)
    assert seconds < CONNECT_TIMEOUT + 3, f"{path} took {seconds:.1f}s"
    assert int(headers["Retry-After"]) > 0
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert b"temporarily unavailable" in body
    assert b"Samaritans" in body  # the full page, crisis numbers included
    assert b"Traceback" not in body


def wait_for_recovery(server, path="/articles/", timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.get(path)[0] == 200:
            return
        time.sleep(0.3)
    pytest.fail(f"{path} did not recover within {timeout}s")


def test_pages_answer_while_the_database_is_up(site):
    for path in ("/", "/articles/", "/therapists/", "/healthz"):
        assert site.get(path)[0] == 200, path


def test_a_site_started_while_the_database_refuses_answers_503(tmp_path):
    postgres_or_skip()
    env = production_env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/{DB_NAME}",  # nothing listens
        DB_CONNECT_TIMEOUT=str(CONNECT_TIMEOUT),
        PAGE_CACHE_ENABLED="false",
    )
    server = Gunicorn(free_port(), env, tmp_path / "gunicorn.log")
    try:
        server.wait_until_listening()
        for path in ("/", "/articles/", "/therapists/modalities/"):
            assert_friendly_503(server, path)
        assert server.get("/healthz")[0] == 503
        assert server.get(static_stylesheet())[0] == 200
    finally:
        server.stop()


@pytest.mark.parametrize("fault", ["stopped", "hung"])
def test_database_fault_gives_503_then_recovers_without_restart(site, fault):
    wait_for_recovery(site)  # a pooled connection is open
    if fault == "stopped":
        site.proxy.down()  # open connections are cut and new ones refused, as when it stops
    else:
        site.proxy.hung()  # connections are cut; new ones are accepted and never answered
    try:
        for path in ("/", "/articles/", "/therapists/"):
            assert_friendly_503(site, path)
        health = site.get("/healthz")
        assert health[0] == 503
        assert health[3] < CONNECT_TIMEOUT + 3
        status, headers, body, _ = site.get(static_stylesheet())
        assert status == 200
        assert b"{" in body
    finally:
        site.proxy.up()
    wait_for_recovery(site)
    assert site.get("/healthz")[0] == 200
    pid_before = site.process.pid
    assert site.process.poll() is None and site.process.pid == pid_before


# --- Frozen: every PostgreSQL process stopped (SIGSTOP) ------------------------------------

# What the issue asks: a frozen database gives the 503 page within 5 seconds (the settings'
# defaults: DB_REQUEST_TIMEOUT 3 s for an open connection, DB_CONNECT_TIMEOUT 3 s for a new one).
FROZEN_LIMIT = 5


@pytest.fixture(scope="module")
def frozen_site(tmp_path_factory):
    import psycopg

    bindir = postgres_bindir()
    if bindir is None:
        message = "PostgreSQL's server programs (initdb, pg_ctl) are not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    postgres = OwnPostgres(bindir)
    server = None
    try:
        postgres.start()
        with psycopg.connect(f"{postgres.url}/postgres", autocommit=True) as connection:
            connection.execute("CREATE DATABASE smarttherapy")
        url = f"{postgres.url}/smarttherapy"
        manage(production_env(DATABASE_URL=url), "migrate", "--noinput")
        manage(production_env(DATABASE_URL=url), "load_demo", "--force")
        env = production_env(
            DATABASE_URL=url,
            PAGE_CACHE_ENABLED="false",  # every request needs the database
            LOG_LEVEL="INFO",  # gunicorn's worker timeouts and restarts appear in its log
        )
        for name in ("DB_REQUEST_TIMEOUT", "DB_CONNECT_TIMEOUT", "GUNICORN_TIMEOUT"):
            env.pop(name, None)  # the defaults are what is tested
        log = tmp_path_factory.mktemp("frozen") / "gunicorn.log"
        server = Gunicorn(free_port(), env, log)
        server.wait_until_listening()
        server.postgres, server.log_path = postgres, log
        yield server
    finally:
        if server is not None:
            server.stop()
        postgres.stop()


def test_a_frozen_database_gives_503_within_5_seconds_then_recovers_by_itself(frozen_site):
    wait_for_recovery(frozen_site)  # the worker holds an open connection
    frozen_site.postgres.freeze()
    try:
        for path in ("/", "/articles/", "/therapists/"):
            status, headers, body, seconds = frozen_site.get(path)
            assert status == 503, (path, status)
            assert seconds < FROZEN_LIMIT, f"{path} took {seconds:.1f}s"
            assert int(headers["Retry-After"]) > 0
            assert b"temporarily unavailable" in body
            assert b"Samaritans" in body
        status, _, body, seconds = frozen_site.get("/healthz")
        assert (status, body) == (503, b"database unavailable\n")
        assert seconds < FROZEN_LIMIT, f"/healthz took {seconds:.1f}s"
        status, _, body, seconds = frozen_site.get(static_stylesheet())
        assert status == 200 and b"{" in body
        assert seconds < 1
    finally:
        frozen_site.postgres.thaw()
    wait_for_recovery(frozen_site)
    for path in ("/", "/therapists/", "/healthz"):
        assert frozen_site.get(path)[0] == 200, path
    # Recovered without a restart: gunicorn never had to kill a stuck worker.
    assert frozen_site.process.poll() is None
    log = frozen_site.log_path.read_text()
    assert "WORKER TIMEOUT" not in log, log[-2000:]
    assert log.count("Booting worker") == 1, log[-2000:]
