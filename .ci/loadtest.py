"""`make loadtest`: gunicorn under load, and slow clients held off by deploy/nginx.conf.

1. Load: gunicorn with production settings (2 sync workers) on a copy of the demo content;
   wrk with 32 connections for 20 s (5 s with --quick) over a mix of pages. Passes only with no
   socket errors, every response 2xx, and worker memory roughly flat (figures printed).
2. Slow clients: nginx, configured from deploy/nginx.conf (TLS lines swapped for a local port),
   in front of gunicorn with ONE sync worker. 50 clients trickle their headers; a normal
   request through nginx must still be answered within a few seconds. For contrast, the same
   request straight to gunicorn is measured (it waits behind the slow clients).
3. Served at nginx speed: the article through nginx's micro-cache, the same HTML as a static
   file from that nginx, gunicorn's cached page and the file through gunicorn (WhiteNoise):
   wrk for 2 s each, there and back (averaged), one worker each, reported as ratios of nginx
   static. `make bench` measures the same with two workers and reports against the target
   (0.8 for the micro-cache); neither fails on a figure, since a shared machine makes noise.
4. The maintenance page: with gunicorn stopped, nginx answers 503 with deploy/maintenance.html
   for a page it has no copy of; oversized headers and bodies are refused by nginx with 4xx.

Ports: free ones from the OS, so two runs never collide. Every step is bounded in time.
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the HTTP helper the fault tests use
from deploy import nginx_local  # noqa: E402
from tests.security.servers import fetch as get  # noqa: E402
from tests.security.servers import free_port, free_port_pair  # noqa: E402

DEPLOY = ROOT / "deploy"
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
LOAD_PORT, SLOW_PORT, NGINX_PORT = free_port(), free_port(), free_port_pair()
STATIC_ARTICLE = "/static/loadtest-article.html"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def fail(message):
    sys.exit(f"loadtest: FAILED: {message}")


def say(message):
    print(f"loadtest: {message}", flush=True)


class Site:
    """Production settings over a throwaway copy of the demo content."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        }
        self.env.update(
            {
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "DATABASE_URL": os.environ.get(
                    "LOADTEST_DATABASE_URL", f"sqlite:///{workdir / 'db.sqlite3'}"
                ),
                "STATIC_ROOT": str(workdir / "static"),
                "MEDIA_ROOT": str(workdir / "media"),
                "PAGE_CACHE_GENERATION_FILE": str(workdir / "generation"),
                "HOST": "127.0.0.1",
                "LOG_LEVEL": "WARNING",
                # Behind nginx: the client address comes from X-Forwarded-For.
                "TRUSTED_PROXY_COUNT": "1",
            }
        )
        self.env.pop("CACHE_URL", None)

    def manage(self, *args):
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode:
            fail(f"manage.py {' '.join(args)}:\n{result.stdout}{result.stderr}")
        return result.stdout

    def prepare(self):
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("load_demo", "--force")
        code = (
            "import json\n"
            "from articles.models import Article, Topic\n"
            "from therapists.models import Modality, Therapist\n"
            "from django.urls import reverse\n"
            "a = Article.objects.published().first()\n"
            "t = Therapist.objects.listed().first()\n"
            "m = Modality.objects.first()\n"
            "topic = Topic.objects.first()\n"
            "print(json.dumps([a.get_absolute_url(), t.get_absolute_url(), m.get_absolute_url(),"
            " topic.get_absolute_url(), reverse('therapists:directory') + '?modality=' + m.slug]))\n"
        )
        article, profile, modality, topic, filtered = json.loads(
            self.manage("shell", "-c", code).strip().splitlines()[-1]
        )
        return [
            "/",
            "/articles/",
            article,
            topic,
            "/articles/feed/",
            "/therapists/",
            filtered,
            profile,
            "/therapists/modalities/",
            modality,
            "/contact/",
            "/sitemap.xml",
            "/robots.txt",
        ]

    def gunicorn(self, port, workers, *options):
        log = open(self.workdir / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - lives with the process
        process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py", *options],
            cwd=ROOT,
            env={**self.env, "PORT": str(port), "WEB_CONCURRENCY": str(workers)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        process.log = log
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if get(f"http://127.0.0.1:{port}/healthz", timeout=2)[0] == 200:
                    return process
            except OSError:
                time.sleep(0.2)
        stop(process)
        fail(f"gunicorn on port {port} did not start; see {log.name}")


def stop(process, timeout=20):
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if hasattr(process, "log"):
        process.log.close()


def worker_rss_kb(master_pid):
    """Resident memory of each gunicorn worker (the master's children), in KiB."""
    sizes = {}
    for child in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split():
        status = Path(f"/proc/{child}/status").read_text()
        sizes[int(child)] = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return sizes


# --- 1. Load ----------------------------------------------------------------------------------


def load_test(site, paths, seconds):
    base = f"http://127.0.0.1:{LOAD_PORT}"
    # Workers are not recycled during the run (gunicorn.conf.py's max_requests), so their memory
    # before and after can be compared: a leak would show, not be hidden by a restart.
    server = site.gunicorn(LOAD_PORT, 2, "--max-requests", "0")
    try:
        for path in paths:
            status, _, body, _ = get(base + path, headers={"X-Forwarded-Proto": "https"})
            if status != 200:
                fail(f"{path} answered {status} before the load started")
            if path == paths[2]:  # the article, as a static file for step 3 (nginx_speed)
                (site.workdir / "static" / STATIC_ARTICLE.rsplit("/", 1)[1]).write_bytes(body)
        # Warm-up: every worker has imported, compiled and cached what it needs.
        run_wrk(base, paths, seconds=3, connections=8)
        before = worker_rss_kb(server.pid)
        result = run_wrk(base, paths, seconds=seconds, connections=32)
        after = worker_rss_kb(server.pid)
    finally:
        stop(server)

    statuses = {int(k): v for k, v in result["statuses"].items()}
    errors = result["errors"]
    rps = result["requests"] / (result["duration_us"] / 1e6)
    say(
        f"wrk -c32 -d{seconds}s over {len(paths)} pages: {result['requests']} requests, "
        f"{rps:.0f} req/s, p50 {result['p50_us'] / 1000:.1f} ms, "
        f"p99 {result['p99_us'] / 1000:.1f} ms, statuses {statuses}, socket errors {errors}"
    )
    growth = {}
    for pid, rss in before.items():
        if pid in after:
            growth[pid] = after[pid] - rss
            say(f"worker {pid} RSS {rss / 1024:.1f} MiB -> {after[pid] / 1024:.1f} MiB")
    if any(errors[k] for k in ("connect", "read", "write", "timeout")):
        fail(f"socket errors under load: {errors}")
    non_2xx = {s: n for s, n in statuses.items() if not 200 <= s < 300}
    if non_2xx or errors["status"]:
        fail(f"non-2xx responses under load: {non_2xx}")
    if not growth:
        fail("no worker lived through the whole run to compare its memory")
    # Flat: a worker may settle a little (allocator, caches), but must not grow with traffic.
    for pid, grown in growth.items():
        if grown > max(before[pid] * 0.15, 8 * 1024):
            fail(f"worker {pid} grew by {grown / 1024:.1f} MiB during the run")
    return {"rps": round(rps), "requests": result["requests"], "statuses": statuses,
            "rss_kib_before": before, "rss_kib_after": after}  # fmt: skip


def run_wrk(base, paths, seconds, connections):
    paths_file = Path(tempfile.mkstemp(prefix="loadtest-paths-")[1])
    paths_file.write_text("\n".join(paths) + "\n")
    try:
        result = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
             "-s", str(HERE / "loadtest.lua"), base],
            env={**os.environ, "LOADTEST_PATHS": str(paths_file)},
            capture_output=True,
            text=True,
            timeout=seconds + 30,
        )  # fmt: skip
    finally:
        paths_file.unlink()
    line = next((x for x in result.stdout.splitlines() if x.startswith("LOADTEST ")), None)
    if result.returncode or not line:
        fail(f"wrk failed:\n{result.stdout}{result.stderr}")
    return json.loads(line.removeprefix("LOADTEST "))


# --- 2. Slow clients through nginx ------------------------------------------------------------


def nginx_config(prefix, upstream_port, static_parent=None):
    """deploy/nginx.conf with the TLS server on a local plain port and local paths
    (deploy/nginx_local.py, as the tests and the compose stack use it); static files from
    static_parent/static (default: none, so the app is asked). Also used by
    tests/search/test_privacy.py."""
    try:
        return nginx_local.local(
            prefix,
            upstream_port=upstream_port,
            port=NGINX_PORT,
            http_port=NGINX_PORT + 1,
            static_parent=static_parent or prefix,
            show_cache_status=True,
        )
    except nginx_local.ConfigError as error:
        fail(str(error))


def start_nginx(prefix, config):
    try:
        return nginx_local.start(NGINX, prefix, config, NGINX_PORT)
    except nginx_local.ConfigError as error:
        fail(str(error))


class SlowClients:
    """Connections that send a request's headers one byte at a time, never finishing."""

    def __init__(self, port, count, interval=0.5):
        self.stop_event = threading.Event()
        self.sockets = []
        for _ in range(count):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET /articles/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            self.sockets.append(sock)
        self.thread = threading.Thread(target=self._trickle, args=(interval,), daemon=True)
        self.thread.start()

    def _trickle(self, interval):
        while not self.stop_event.wait(interval):
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.send(b"X")

    def close(self):
        self.stop_event.set()
        self.thread.join(5)
        for sock in self.sockets:
            sock.close()


def start_fresh_nginx(prefix, upstream_port, static_parent, attempts=3):
    """nginx in front of `upstream_port`, on NGINX_PORT or, when it cannot bind there, on a new
    pair of ports. The pair is chosen when this script starts; by the time nginx binds it,
    after thousands of loopback connections, one of the two may be in use (two CI runs found
    nginx gone just after its first port accepted)."""
    global NGINX_PORT
    for attempt in range(attempts):
        if attempt:
            NGINX_PORT = free_port_pair()
        config = nginx_config(prefix, upstream_port, static_parent)
        try:
            return nginx_local.start(NGINX, prefix, config, NGINX_PORT)
        except nginx_local.ConfigError as error:
            say(f"nginx did not start on {NGINX_PORT} (attempt {attempt + 1}): {error}")
    fail(f"nginx did not start in {attempts} attempts")


def first_answer(url, timeout=10):
    """The first HTTP answer from a server just started. Its port accepting a connection (what
    nginx_local.start() waits for) is not yet an answer: one CI run had this first request reset
    by the peer, and the same run again passed."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return get(url)
        except OSError as error:  # refused, reset or closed before the status line
            if time.monotonic() > deadline:
                fail(f"no answer from {url} within {timeout} s: {error}")
            time.sleep(0.2)


def slow_client_test(site, paths):
    prefix = Path(tempfile.mkdtemp(prefix="loadtest-nginx-"))
    prefix.chmod(0o755)
    server = site.gunicorn(SLOW_PORT, 1)
    # nginx's workers run as nobody when this runs as root: the folders must be readable.
    site.workdir.chmod(0o755)
    nginx = start_fresh_nginx(prefix, SLOW_PORT, site.workdir)
    results = {}
    try:
        proxied = f"http://127.0.0.1:{NGINX_PORT}"
        status, headers, body, _ = first_answer(proxied + paths[2])
        if status != 200:
            fail(f"through nginx {paths[2]} answered {status}")

        slow = SlowClients(NGINX_PORT, 50)
        try:
            time.sleep(1)
            status, _, _, seconds = get(proxied + "/articles/", timeout=10)
        finally:
            slow.close()
        say(f"50 slow clients on nginx: a normal request answered {status} in {seconds:.2f} s")
        if status != 200 or seconds > 3:
            fail(f"through nginx with 50 slow clients: status {status} after {seconds:.2f} s")
        results["through_nginx_s"] = round(seconds, 3)

        # Contrast: the same straight to gunicorn's single sync worker.
        slow = SlowClients(SLOW_PORT, 50)
        try:
            time.sleep(1)
            try:
                status, _, _, seconds = get(f"http://127.0.0.1:{SLOW_PORT}/articles/", timeout=3)
                outcome = f"answered {status} in {seconds:.2f} s"
            except OSError:
                outcome = "no answer within 3 s"
        finally:
            slow.close()
        say(f"50 slow clients straight on gunicorn (no nginx): a normal request got {outcome}")
        results["straight_to_gunicorn"] = outcome

        big_header = get(proxied + "/", headers={"X-Padding": "x" * 20_000})[0]
        # Over client_max_body_size (11m: the admin accepts photos up to 10 MB).
        big_body = get(proxied + "/contact/", data=b"x" * (12 * 1024 * 1024))[0]
        say(f"oversized header -> {big_header}, 12 MB body -> {big_body}")
        if big_header not in {400, 431, 494} or big_body != 413:
            fail(f"oversized requests: header {big_header}, body {big_body}")

        # Uploads: resized copies are served; originals (camera metadata) never are.
        media = {
            "articles/display/hero-1200.webp": 200,
            "therapists/200/ada-200.webp": 200,
            "articles/originals/hero.jpg": 404,
            "articles/hero.jpg": 404,  # uploaded before originals had their own folder
            "therapists/originals/ada.jpg": 404,
        }
        for name in media:
            (prefix / "media" / name).parent.mkdir(parents=True, exist_ok=True)
            (prefix / "media" / name).write_bytes(b"not really an image")
        served = {name: get(f"{proxied}/media/{name}")[0] for name in media}
        say(f"media through nginx: {served}")
        if served != media:
            fail(f"media through nginx: {served}, expected {media}")

        results["served_at_nginx_speed"] = nginx_speed(site, proxied, paths[2])

        stop(server)
        # A page nginx has a copy of is still served while the app is down (the micro-cache's
        # stale copy); the contact page never is.
        status, headers, body, _ = get(proxied + "/contact/")
        say(f"gunicorn stopped: nginx answers {status} with the maintenance page")
        if status != 503 or b"back shortly" not in body or headers.get("Retry-After") != "60":
            fail(f"maintenance page: status {status}, Retry-After {headers.get('Retry-After')}")
    finally:
        if server.poll() is None:
            stop(server)
        stop(nginx)
        shutil.rmtree(prefix, ignore_errors=True)
    return results


def nginx_speed(site, proxied, article):
    """The article four ways, as requests/s and ratios of the same HTML as a static file."""
    direct = f"http://127.0.0.1:{SLOW_PORT}"
    targets = {
        "nginx_static": (proxied, STATIC_ARTICLE),
        "nginx_microcached": (proxied, article),
        "gunicorn_cached": (direct, article),
        "gunicorn_whitenoise": (direct, STATIC_ARTICLE),
    }
    # Each measured twice, in the order there and back, and averaged: drift in a shared machine
    # then weighs on all four alike.
    rps = {name: 0.0 for name in targets}
    for name in [*targets, *reversed(targets)]:
        base, path = targets[name]
        result = run_wrk(base, [path], seconds=2, connections=8)
        if result["errors"]["status"] or any(int(s) != 200 for s in result["statuses"]):
            fail(f"{name}: not every answer was a 200: {result['statuses']}")
        rps[name] += result["requests"] / (result["duration_us"] / 1e6) / 2
    figures = {
        name: {"rps": round(value), "ratio_to_nginx_static": round(value / rps["nginx_static"], 3)}
        for name, value in rps.items()
    }
    say(
        "served at nginx speed (one worker each): "
        + ", ".join(
            f"{n} {f['rps']} req/s ({f['ratio_to_nginx_static']:.2f})" for n, f in figures.items()
        )
    )
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 s of load instead of 20 s")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        fail("wrk is not installed (apt-get install wrk)")
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="loadtest-"))
    try:
        site = Site(workdir)
        paths = site.prepare()
        load = load_test(site, paths, seconds=5 if args.quick else 20)
        slow = slow_client_test(site, paths)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    say(f"all checks passed in {time.monotonic() - started:.0f} s")
    print(json.dumps({"load": load, "slow_clients": slow}, default=str))


if __name__ == "__main__":
    main()
