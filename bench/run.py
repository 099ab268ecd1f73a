"""`make bench`: the site's pages against the static-file ceilings, with gunicorn and wrk.

1. Builds SQLite databases in a temporary folder: the main data set (1,000 articles, 200
   therapists) and one per scaling size, from a single migrated template (bench/prepare.py).
2. Starts gunicorn on 127.0.0.1 with production settings (DEBUG off, 2 sync workers) and, after
   a warm-up, measures each page with `wrk -t2 -c8 --latency` for a fixed time: with the page
   cache on, then (a second server) with it off. Two ceilings serve the same article's HTML
   saved as a static file: the pure ceiling, gunicorn with a WSGI app that is only WhiteNoise
   (bench/ceiling_wsgi.py, measured before and after the site's servers), the headline; and the
   Django static ceiling, the same file through the site's own app (WhiteNoise middleware behind
   the page cache and the security middleware).
3. Scaling: the article page and the directory, uncached, with 10, 1,000 and 10,000 articles and
   therapists.
4. Served at nginx speed (bench/nginx.py): the article through deploy/nginx.conf's micro-cache,
   with every figure above as a ratio of the same HTML as a static file from that nginx.

5. Search relevance (bench/relevance.py): the demo content in a fresh database of each engine
   (PostgreSQL: BENCH_DATABASE_URL's server, or RELEVANCE_DATABASE_URL's in a SQLite run),
   realistic queries, hits in the top 5 and mean reciprocal rank, into the results file and,
   from the same run (not QUICK), docs/search.md.

Prints a table and writes bench/results.json. QUICK=1 (or --quick) runs short measurements and
smaller scaling sizes in under a minute, and writes bench/results-quick.json instead. Either way
it compares the uncached article page's CPU time per request with the committed
bench/results.json and warns when it grew by more than 10% (a warning only: never a failure,
since a shared machine makes noise).
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import nginx as nginx_bench  # bench/nginx.py and bench/committed.py, beside this file
import relevance  # bench/relevance.py, beside this script
from committed import compare_cpu

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))  # the free-port helper the tests use
from tests.security.servers import free_port  # noqa: E402

STATIC_PAGE = "/static/bench/article.html"
PAGE_NAMES = ["article", "article_list", "directory", "directory_filtered", "profile", "home"]
SCALED_PAGES = ["article", "directory"]
# The search page is never cached, so it is measured in the scaling runs only (issue 14).
SEARCH_PAGES = ["search_common", "search_name", "search_typo", "search_sentence"]
SCALED_PAGES += SEARCH_PAGES


def worker_cpu_seconds(master_pid):
    """CPU time (user + system) used so far by the worker processes of a gunicorn master, read
    from /proc (Linux); None elsewhere. Unlike requests/s, it hardly depends on what else the
    machine is running, so it shows what a request costs even on a busy machine."""
    total, found = 0, False
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == master_pid:  # ppid; utime and stime follow at 11 and 12
            total += int(fields[11]) + int(fields[12])
            found = True
    return total / os.sysconf("SC_CLK_TCK") if found else None


class Bench:
    def __init__(self, quick):
        self.quick = quick
        self.duration = 1 if quick else 6
        self.warmup_requests = 30 if quick else 300
        self.warmup_seconds = 0.3 if quick else 2
        self.main_size = (300, 60) if quick else (1000, 200)
        self.scaling_sizes = [10, 300] if quick else [10, 1000, 10000]
        self.prelaunched = {}
        self.cpu_pids = {}
        self.postgres = os.environ.get("BENCH_DATABASE_URL", "").rstrip("/")
        if self.postgres and not self.postgres.startswith(("postgres://", "postgresql://")):
            sys.exit("bench: BENCH_DATABASE_URL must be a postgres:// URL")
        self.created = []
        self.workdir = Path(tempfile.mkdtemp(prefix="smarttherapy-bench-"))
        self.env = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(self.workdir / "media"),
            "PAGE_CACHE_GENERATION_FILE": str(self.workdir / "pagecache-generation"),
            "CACHE_URL": "locmemcache://bench",
            "LOG_LEVEL": "WARNING",
            "WEB_CONCURRENCY": "2",
            "HOST": "127.0.0.1",
        }
        for name in ("DATABASE_URL", "PAGE_CACHE_ENABLED", "PORT"):
            self.env.pop(name, None)

    # --- Data ---------------------------------------------------------------------------------

    def run(self, *args, env=None, capture=False):
        return subprocess.run(
            [PYTHON, *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            check=True,
            text=True,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
            timeout=600,
        ).stdout

    # --- Databases: SQLite files by default, or PostgreSQL with BENCH_DATABASE_URL ----------------

    def database_url(self, name):
        if not self.postgres:
            return f"sqlite:///{self.workdir / name}.sqlite3"
        return f"{self.postgres.rsplit('/', 1)[0]}/{self.postgres_name(name)}"

    def postgres_name(self, name):
        return f"{self.postgres.rsplit('/', 1)[1]}_{name.replace('-', '_')}"

    def postgres_admin(self, *statements):
        import psycopg

        url = self.postgres.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(url, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)

    def copy_template(self, name):
        if self.postgres:
            database = self.postgres_name(name)
            self.created.append(database)
            template = self.postgres_name("template")
            self.postgres_admin(
                f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)',
                f'CREATE DATABASE "{database}" TEMPLATE "{template}"',
            )
        else:
            shutil.copyfile(self.workdir / "template.sqlite3", self.workdir / f"{name}.sqlite3")
        return self.database_url(name)

    def drop_databases(self):
        if self.postgres and self.created:
            self.postgres_admin(
                *(f'DROP DATABASE IF EXISTS "{d}" WITH (FORCE)' for d in self.created)
            )

    def database(self, name, url, articles, therapists, static_copy=None):
        """Fill a copy of the migrated template with bench/prepare.py; return its description."""
        args = ["bench/prepare.py", "--articles", str(articles), "--therapists", str(therapists)]
        if static_copy:
            args += ["--static-copy", str(static_copy)]
        out = self.run(
            *args, env={"DATABASE_URL": url, "PAGE_CACHE_ENABLED": "false"}, capture=True
        )
        return {"url": url, **json.loads(out.strip().splitlines()[-1])}

    def scaled_names(self):
        return [f"scale-{n}" for n in self.scaling_sizes]

    def reuse_collected_static(self):
        """QUICK: copy the project's collected static files (as `make test` leaves them) when
        they are newer than every source file, instead of compressing everything again."""
        collected = ROOT / "staticfiles"
        manifest = collected / "staticfiles.json"
        if not self.quick or not manifest.exists():
            return False
        sources = [p for p in (ROOT / "static").rglob("*") if p.is_file()]
        if any(p.stat().st_mtime > manifest.stat().st_mtime for p in sources):
            return False
        shutil.copytree(collected, self.workdir / "static")
        return True

    def prepare(self):
        started = time.monotonic()
        if not self.reuse_collected_static():
            self.run("manage.py", "collectstatic", "--noinput", "--verbosity", "0")
        template = self.database_url("template")
        if self.postgres:
            self.created.append(self.postgres_name("template"))
            self.postgres_admin(
                f'DROP DATABASE IF EXISTS "{self.postgres_name("template")}" WITH (FORCE)',
                f'CREATE DATABASE "{self.postgres_name("template")}"',
            )
        self.run(
            "manage.py", "migrate", "--noinput", "--verbosity", "0", env={"DATABASE_URL": template}
        )
        print(
            f"bench: static files and migrations in {time.monotonic() - started:.0f} s", flush=True
        )
        static_copy = self.workdir / "static" / "bench" / "article.html"
        urls = {name: self.copy_template(name) for name in ["main", *self.scaled_names()]}
        with ThreadPoolExecutor() as pool:  # the data sets are independent: build them at once
            main = pool.submit(
                self.database, "main", urls["main"], *self.main_size, static_copy=static_copy
            )
            scaled = {
                n: pool.submit(self.database, f"scale-{n}", urls[f"scale-{n}"], n, n)
                for n in self.scaling_sizes
            }
            self.main = main.result()
            self.scaled = {n: future.result() for n, future in scaled.items()}
        print(f"bench: data sets ready in {time.monotonic() - started:.0f} s", flush=True)

    # --- Servers and measurements --------------------------------------------------------------

    def launch(self, database_url, page_cache):
        """A gunicorn with the site; database_url None: the pure ceiling (WhiteNoise alone)."""
        port = free_port()  # from the OS: two runs never collide
        log = open(self.workdir / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - closed in stop
        env = {
            **self.env,
            "DATABASE_URL": database_url or "",
            "PORT": str(port),
            "PAGE_CACHE_ENABLED": "true" if page_cache else "false",
            "BENCH_CEILING_ROOT": str(self.workdir / "static" / "bench"),
        }
        # --max-requests 0: measure steady request cost, not the periodic worker recycling.
        command = [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--max-requests", "0"]
        if database_url is None:  # same workers and settings, another WSGI app
            command += ["--pythonpath", str(BENCH), "ceiling_wsgi:application"]
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        process.log = log
        process.base = f"http://127.0.0.1:{port}"
        return process

    def prelaunch(self):
        """QUICK: boot every server at once, while the first is measured (figures matter less)."""
        self.prelaunched[(None, False)] = self.launch(None, False)
        self.prelaunched[(self.main["url"], True)] = self.launch(self.main["url"], True)
        self.prelaunched[(self.main["url"], False)] = self.launch(self.main["url"], False)
        for data in self.scaled.values():
            self.prelaunched[(data["url"], False)] = self.launch(data["url"], False)

    def stop_all(self):
        for process in self.prelaunched.values():
            self.stop_server(process)
        self.prelaunched.clear()

    def start_server(self, database_url, page_cache):
        process = self.prelaunched.pop((database_url, page_cache), None)
        process = process or self.launch(database_url, page_cache)
        self.cpu_pids = {process.base: process.pid}
        log = process.log
        ready = "/healthz" if database_url else STATIC_PAGE
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.fetch(process.base + ready)[0] == 200:
                    return process
            except OSError:
                pass
            if process.poll() is not None:
                break
            time.sleep(0.2)
        self.stop_server(process)
        sys.exit(f"bench: gunicorn did not start; see {log.name}")

    @staticmethod
    def stop_server(process):
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.log.close()

    @staticmethod
    def fetch(url):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def measure(self, base, path, expect_cache=None):
        url = base + path
        deadline = time.monotonic() + self.warmup_seconds
        for _ in range(self.warmup_requests):
            self.fetch(url)
            if time.monotonic() > deadline:
                break
        # Each worker has its own local-memory cache: on a busy machine the short warm-up may
        # have reached only one of them, so ask again (for a bounded time) until one answers
        # from its cache. Never seeing a HIT means the page cache is broken.
        deadline = time.monotonic() + 15
        while True:
            status, headers, body = self.fetch(url)
            if status != 200:
                sys.exit(f"bench: {url} answered {status}; the server log is in {self.workdir}")
            if not expect_cache or headers.get("X-Cache") == expect_cache:
                break
            if time.monotonic() > deadline:
                sys.exit(
                    f"bench: {url} X-Cache is {headers.get('X-Cache')}, expected {expect_cache}"
                )
        command = ["wrk", "-t2", "-c8", f"-d{self.duration}s", "--latency"]
        command += ["-s", str(BENCH / "report.lua"), url]
        master = self.cpu_pids.get(base)
        cpu_before = worker_cpu_seconds(master) if master else None
        out = subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=self.duration + 30
        ).stdout
        cpu_after = worker_cpu_seconds(master) if master else None
        line = next(line for line in out.splitlines() if line.startswith("JSON "))
        raw = json.loads(line[5:])
        return {
            "url": path,
            "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
            "p50_ms": round(raw["p50_us"] / 1000, 2),
            "p99_ms": round(raw["p99_us"] / 1000, 2),
            "bytes": len(body),
            "requests": raw["requests"],
            "errors": raw["errors"] + raw["non_2xx"],
            # The workers' CPU time per request: wrk's requests plus the few it left unanswered.
            "cpu_ms": None
            if cpu_before is None or cpu_after is None or not raw["requests"]
            else round((cpu_after - cpu_before) * 1000 / raw["requests"], 2),
        }

    def pure_ceiling(self):
        server = self.start_server(None, page_cache=False)
        try:
            return self.measure(server.base, STATIC_PAGE)
        finally:
            self.stop_server(server)

    def main_runs(self):
        results, statics = [], []
        pures = [self.pure_ceiling()]
        server = self.start_server(self.main["url"], page_cache=True)
        try:
            statics.append(self.measure(server.base, STATIC_PAGE))
            front = nginx_bench.runs(self, server, STATIC_PAGE, self.main["pages"]["article"])
            for name in PAGE_NAMES:
                result = self.measure(server.base, self.main["pages"][name], expect_cache="HIT")
                result.update(name=name, cache="on", queries=0)
                results.append(result)
        finally:
            self.stop_server(server)
        server = self.start_server(self.main["url"], page_cache=False)
        try:
            statics.append(self.measure(server.base, STATIC_PAGE))
            for name in PAGE_NAMES:
                result = self.measure(server.base, self.main["pages"][name])
                result.update(name=name, cache="off", queries=self.main["queries"][name])
                results.append(result)
        finally:
            self.stop_server(server)
        pures.append(self.pure_ceiling())
        # Each ceiling is measured twice and averaged, to even out drift in the machine: the pure
        # one before and after the site's servers, the Django one on both of them.
        pure = _average(pures, name="pure_ceiling", cache="gunicorn + WhiteNoise only")
        static = _average(statics, name="static_ceiling", cache="static file via Django")
        for result in [pure, static, *results]:
            result["ratio_to_pure"] = round(result["rps"] / pure["rps"], 3)
            result["cpu_ratio_to_pure"] = _ratio(pure["cpu_ms"], result["cpu_ms"])
            result["ratio_to_static"] = round(result["rps"] / static["rps"], 3)
            result["cpu_ratio_to_static"] = _ratio(static["cpu_ms"], result["cpu_ms"])
        return pure, static, results, front

    def scaling_runs(self):
        """Each size is measured twice, in the order 10, 1,000, 10,000, 10,000, 1,000, 10: a
        machine that slows down or speeds up during the run (this one is a shared VM) then
        weighs on every size alike instead of looking like growth. Each run is a third of the
        usual length, to keep `make bench` under five minutes."""
        scaling = {"sizes": self.scaling_sizes, "pages": {name: [] for name in SCALED_PAGES}}
        runs = {(size, name): [] for size in self.scaled for name in SCALED_PAGES}
        full_duration = self.duration
        self.duration = max(1, full_duration // 3)
        try:
            for size in [*self.scaled, *reversed(self.scaled)]:
                data = self.scaled[size]
                server = self.start_server(data["url"], page_cache=False)
                try:
                    for name in SCALED_PAGES:
                        runs[(size, name)].append(self.measure(server.base, data["pages"][name]))
                finally:
                    self.stop_server(server)
        finally:
            self.duration = full_duration
        for size, data in self.scaled.items():
            for name in SCALED_PAGES:
                result = _mean(runs[(size, name)])
                result.update(items=size, queries=data["queries"][name])
                scaling["pages"][name].append(result)
        for name, rows in scaling["pages"].items():
            scaling[f"{name}_rps_largest_vs_smallest"] = round(rows[-1]["rps"] / rows[0]["rps"], 3)
            # Requests per CPU second at the largest size over the smallest (1.0: no growth).
            scaling[f"{name}_cpu_largest_vs_smallest"] = _ratio(
                rows[0]["cpu_ms"], rows[-1]["cpu_ms"]
            )
        return scaling


def _mean(runs):
    """One result from several runs of the same page: means, and the totals of counts."""
    result = {
        key: round(sum(r[key] for r in runs) / len(runs), 2) for key in ("rps", "p50_ms", "p99_ms")
    }
    cpu = [r["cpu_ms"] for r in runs if r["cpu_ms"] is not None]
    result["cpu_ms"] = round(sum(cpu) / len(cpu), 2) if cpu else None
    result.update({key: sum(r[key] for r in runs) for key in ("requests", "errors")})
    result.update(bytes=runs[0]["bytes"], runs_rps=[r["rps"] for r in runs])
    return result


def _average(runs, **fields):
    average = _mean(runs)
    average.update(url=STATIC_PAGE, queries=0, **fields)
    return average


def _ratio(numerator, denominator):
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 3)


def _cpu(value):
    return "-" if value is None else f"{value:.2f}"


def table(pure, static, results, scaling):
    lines = [
        "| Page | Page cache | Requests/s | p50 ms | p99 ms | Bytes | SQL queries "
        "| Ratio to pure ceiling | Ratio to Django static | CPU ms/request |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in [pure, static, *results] if pure else [static, *results]:
        to_pure = f"{r['ratio_to_pure']:.2f}" if "ratio_to_pure" in r else "-"
        lines.append(
            f"| {r['name']} | {r['cache']} | {r['rps']:.0f} | {r['p50_ms']:.2f} | "
            f"{r['p99_ms']:.2f} | {r['bytes']:,} | {r['queries']} | {to_pure} "
            f"| {r['ratio_to_static']:.2f} | {_cpu(r.get('cpu_ms'))} |"
        )
    lines += [
        "",
        "| Scaling (uncached) | Items | Requests/s | p50 ms | p99 ms | SQL queries "
        "| CPU ms/request |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, rows in scaling["pages"].items():
        for r in rows:
            lines.append(
                f"| {name} | {r['items']:,} | {r['rps']:.0f} | {r['p50_ms']:.2f} | "
                f"{r['p99_ms']:.2f} | {r['queries']} | {_cpu(r.get('cpu_ms'))} |"
            )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", default=os.environ.get("QUICK") == "1")
    parser.add_argument("--output", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--table", type=Path, help="only print the table of a results file")
    args = parser.parse_args()
    args.keep = args.keep or bool(os.environ.get("BENCH_KEEP"))
    if args.table:  # print the table of an earlier run, e.g. for the README
        saved = json.loads(args.table.read_text())
        print(table(saved.get("pure"), saved["static"], saved["pages"], saved["scaling"]))
        if saved.get("nginx"):
            print("\n" + nginx_bench.table(saved["nginx"]))
        return
    if not shutil.which("wrk"):
        sys.exit("bench: wrk is not installed (apt-get install wrk)")

    started = time.monotonic()
    bench = Bench(args.quick)
    finished = False
    try:
        bench.prepare()
        if args.quick:
            bench.prelaunch()
        pure, static, results, front = bench.main_runs()
        print(f"bench: main runs done at {time.monotonic() - started:.0f} s", flush=True)
        scaling = bench.scaling_runs()
        finished = True
    finally:
        bench.stop_all()
        bench.drop_databases()
        if finished and not args.keep:  # on failure, keep the server logs for a look
            shutil.rmtree(bench.workdir, ignore_errors=True)

    by_key = {(r["name"], r["cache"]): r for r in results}
    front = nginx_bench.with_ratios(front, _average, pure, by_key[("article", "on")])
    summary = {
        # The headline: the cached article page against gunicorn + WhiteNoise alone.
        "cached_article_ratio": by_key[("article", "on")]["ratio_to_pure"],
        "cached_article_cpu_ratio": by_key[("article", "on")]["cpu_ratio_to_pure"],
        "cached_article_ratio_to_django_static": by_key[("article", "on")]["ratio_to_static"],
        "django_static_ratio_to_pure": static["ratio_to_pure"],
        "uncached_article_ratio": by_key[("article", "off")]["ratio_to_pure"],
        "uncached_article_ratio_to_django_static": by_key[("article", "off")]["ratio_to_static"],
        # Watched from one release to the next (no target since the owner's decision, issue 18).
        "uncached_article_cpu_ms": by_key[("article", "off")]["cpu_ms"],
        "scaling_article": scaling["article_rps_largest_vs_smallest"],
        "scaling_directory": scaling["directory_rps_largest_vs_smallest"],
        # The same three, from the workers' CPU time per request instead of requests/s.
        "uncached_article_cpu_ratio": by_key[("article", "off")]["cpu_ratio_to_static"],
        "scaling_article_cpu": scaling["article_cpu_largest_vs_smallest"],
        "scaling_directory_cpu": scaling["directory_cpu_largest_vs_smallest"],
        "errors": sum(r["errors"] for r in [pure, static, *results, *(front or [])]),
    }
    for row in front or []:  # the micro-cached article (target 0.8), gunicorn's, WhiteNoise's
        summary[f"{row['name']}_ratio_to_nginx_static"] = row["ratio_to_nginx_static"]
    # The search page's requests/s at the largest size over its rate at 1,000 items.
    for name in SEARCH_PAGES:
        rows = {row["items"]: row for row in scaling["pages"].get(name, [])}
        sizes = sorted(rows)
        base = 1000 if 1000 in rows else (sizes[-2] if len(sizes) > 1 else None)
        if base is not None and sizes and rows[base]["rps"]:
            summary[f"scaling_{name}_{sizes[-1]}_vs_{base}"] = round(
                rows[sizes[-1]]["rps"] / rows[base]["rps"], 3
            )
    # Search relevance on the demo content (bench/relevance.py): hits in the top 5 and MRR.
    # PostgreSQL's figure needs a server: the one benchmarked, or RELEVANCE_DATABASE_URL's
    # (a postgres:// URL; a throwaway database is made beside it) in a SQLite run.
    relevance_figures = relevance.measure(bench.postgres or relevance.postgres_url())
    for engine, figures in relevance_figures.items():
        summary[f"search_relevance_{engine}_hits_at_5"] = figures["hits_at_5"]
        summary[f"search_relevance_{engine}_mrr"] = figures["mrr"]
    default = "results-quick.json" if args.quick else "results.json"
    if bench.postgres:
        default = default.replace("results", "results-postgres")
    path = args.output or BENCH / default
    cpu_check = compare_cpu(summary["uncached_article_cpu_ms"], bench.postgres)
    summary["uncached_article_cpu_vs_committed"] = cpu_check["change"]
    output = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "method": {
            "server": "gunicorn, 2 sync workers, DEBUG off, "
            f"{'PostgreSQL' if bench.postgres else 'SQLite'}, local-memory cache",
            "load": f"wrk -t2 -c8 -d{bench.duration}s after up to {bench.warmup_requests} "
            f"warm-up requests ({bench.warmup_seconds} s at most)",
            "data": f"{bench.main_size[0]} articles, {bench.main_size[1]} therapists",
        },
        "pure": pure,
        "static": static,
        "pages": results,
        "nginx": front,
        "scaling": scaling,
        "summary": summary,
        "search_relevance": relevance_figures,
        "seconds": round(time.monotonic() - started),
    }
    path.write_text(json.dumps(output, indent=2) + "\n")
    if not args.quick:
        relevance.write_docs(relevance_figures, output["generated_at"][:10])
    print(table(pure, static, results, scaling))
    if front:
        print("\n" + nginx_bench.table(front))
    print(f"\nbench: {json.dumps(summary)}")
    on = by_key[("article", "on")]
    print(
        f"bench: ceilings: pure (gunicorn + WhiteNoise) {pure['rps']:.0f} requests/s, "
        f"Django static file {static['rps']:.0f} ({static['ratio_to_pure']:.2f} of pure); "
        f"cached article {on['rps']:.0f}: {on['ratio_to_pure']:.2f} of the pure ceiling "
        f"(target 0.7), {on['ratio_to_static']:.2f} of the Django one"
    )
    if front:
        print(f"bench: {nginx_bench.headline(front)}")
    print(f"bench: {cpu_check['message']}")
    print(f"bench: wrote {path.relative_to(ROOT)} in {output['seconds']} s")


if __name__ == "__main__":
    main()
