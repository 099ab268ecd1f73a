"""`make bench`, served at nginx speed: the seed article through deploy/nginx.conf's micro-cache,
against the same HTML as a static file from the same nginx (the limit on this machine).

nginx (2 workers) runs the shipped file through deploy/nginx_local.py, as the tests and the
compose stack do, in front of the page-cache gunicorn that bench/run.py measures. Its static
files are the bench's STATIC_ROOT, which holds the article's HTML as a file. The two are measured
in the order static, micro-cached, micro-cached, static, and each pair averaged, so drift in a
shared machine weighs on both alike. Every figure of the run is then given as a ratio of nginx
static: the micro-cached article (target 0.8), gunicorn's cached page and gunicorn with
WhiteNoise alone (the pure ceiling).

Without nginx the figures are left out with a message, except in CI (CI=true), where it fails.
"""

import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from deploy import nginx_local  # noqa: E402
from tests.security.servers import free_port  # noqa: E402

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WORKERS = 2
TARGET = 0.8  # the micro-cached article against nginx static


@contextlib.contextmanager
def front_of(bench, server):
    """nginx from deploy/nginx.conf in front of `server` (a gunicorn bench/run.py started);
    None when nginx is not installed."""
    if not Path(NGINX).exists():
        if os.environ.get("CI") == "true":
            sys.exit("bench: nginx is not installed (apt-get install nginx)")
        print("bench: nginx is not installed: the nginx figures are left out", flush=True)
        yield None
        return
    # nginx's workers run as nobody when the bench runs as root: the folders must be readable.
    bench.workdir.chmod(0o755)
    prefix = Path(tempfile.mkdtemp(prefix="smarttherapy-bench-nginx-", dir=bench.workdir))
    prefix.chmod(0o755)
    port = free_port()
    config = nginx_local.local(
        prefix,
        upstream_port=int(server.base.rsplit(":", 1)[1]),
        port=port,
        http_port=free_port(),
        static_parent=bench.workdir,  # STATIC_ROOT is workdir/static
        workers=WORKERS,
        show_cache_status=True,
    )
    process = nginx_local.start(NGINX, prefix, config, port)
    base = f"http://127.0.0.1:{port}"
    bench.cpu_pids[base] = process.pid  # CPU per request: nginx's workers, its master's children
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


def runs(bench, server, static_page, article):
    """{"static": ..., "microcached": ...} for the article's HTML through nginx, or None."""
    with front_of(bench, server) as base:
        if base is None:
            return None
        deadline = time.monotonic() + 15
        while bench.fetch(base + article)[1].get("X-Cache-Status") != "HIT":
            if time.monotonic() > deadline:
                sys.exit(f"bench: {article} through nginx is never a micro-cache HIT")
            time.sleep(0.05)
        measured = {"static": [], "microcached": []}
        for name, path in [
            ("static", static_page),
            ("microcached", article),
            ("microcached", article),
            ("static", static_page),
        ]:
            measured[name].append(bench.measure(base, path))
    return measured


def with_ratios(measured, average, pure, cached):
    """The four figures side by side, each with its ratio to nginx static."""
    if measured is None:
        return None
    static = average(measured["static"], name="nginx_static", cache="nginx, static file")
    micro = average(measured["microcached"], name="nginx_microcached", cache="nginx micro-cache")
    micro["url"] = cached["url"]
    rows = [
        static,
        micro,
        {**cached, "name": "gunicorn_cached", "cache": "gunicorn, page cache"},
        {**pure, "name": "whitenoise_alone", "cache": "gunicorn + WhiteNoise only"},
    ]
    return [
        {
            **row,
            "ratio_to_nginx_static": round(row["rps"] / static["rps"], 3),
            "cpu_ratio_to_nginx_static": None
            if not row.get("cpu_ms") or not static.get("cpu_ms")
            else round(static["cpu_ms"] / row["cpu_ms"], 3),
        }
        for row in rows
    ]


def table(rows):
    lines = [
        "| Seed article, served by | Requests/s | p50 ms | p99 ms | Bytes | Ratio to nginx static "
        "| CPU ms/request |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        cpu = "-" if r.get("cpu_ms") is None else f"{r['cpu_ms']:.2f}"
        lines.append(
            f"| {r['name']} ({r['cache']}) | {r['rps']:.0f} | {r['p50_ms']:.2f} | "
            f"{r['p99_ms']:.2f} | {r['bytes']:,} | {r['ratio_to_nginx_static']:.2f} | {cpu} |"
        )
    return "\n".join(lines)


def headline(rows):
    by_name = {row["name"]: row for row in rows}
    micro = by_name["nginx_microcached"]["ratio_to_nginx_static"]
    return (
        f"served at nginx speed: nginx static {by_name['nginx_static']['rps']:.0f} requests/s; "
        f"micro-cached article {micro:.2f} of it (target {TARGET}), gunicorn's cached page "
        f"{by_name['gunicorn_cached']['ratio_to_nginx_static']:.2f}, WhiteNoise alone "
        f"{by_name['whitenoise_alone']['ratio_to_nginx_static']:.2f}"
    )
