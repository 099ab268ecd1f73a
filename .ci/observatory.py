"""`make observatory`: the MDN HTTP Observatory's tests against the site over real HTTPS.

gunicorn serves the production settings over TLS (a throwaway self-signed certificate, trusted
by Node through NODE_EXTRA_CA_CERTS, so certificate checks stay on) on a free local port, and a
second gunicorn on another plays the plain-HTTP side that must redirect to HTTPS. The home page and
the admin sign-in page are scanned; all ten tests must pass with a score of at least 100.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "localhost"
sys.path.insert(0, str(ROOT))  # the free-port helper the tests use
from tests.security.servers import free_port  # noqa: E402

HTTPS_PORT, HTTP_PORT = free_port(), free_port()
PAGES = ["/", "/admin/login/"]
MINIMUM_SCORE = 100


def fail(message):
    sys.exit(f"observatory: FAILED: {message}")


def main():
    if not (ROOT / "node_modules/@mdn/mdn-http-observatory").is_dir():
        fail("the observatory is not installed: run `make observatory`, which installs it")
    # Its postinstall script (skipped: --ignore-scripts) downloads Chromium's HSTS preload list.
    # Only public host names can be on it, so for localhost an empty list is the true answer.
    preload = ROOT / "node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json"
    if not preload.exists():
        preload.parent.mkdir(exist_ok=True)
        preload.write_text("{}")
    workdir = Path(tempfile.mkdtemp(prefix="observatory-"))
    servers = []
    try:
        cert, key = workdir / "cert.pem", workdir / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
             "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "ADMIN_REQUIRE_2FA", "CACHE_URL"}
        }
        env.update(
            {
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
                "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
                "STATIC_ROOT": str(workdir / "static"),
                "MEDIA_ROOT": str(workdir / "media"),
                "PAGE_CACHE_GENERATION_FILE": str(workdir / "generation"),
                "HOST": "127.0.0.1",
                "WEB_CONCURRENCY": "1",
                "LOG_LEVEL": "WARNING",
            }
        )
        for args in (
            ["collectstatic", "--noinput", "--verbosity", "0"],
            ["migrate", "--noinput", "--verbosity", "0"],
            ["load_demo", "--force"],
        ):
            subprocess.run(
                [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                capture_output=True, timeout=300,
            )  # fmt: skip

        gunicorn = [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
        log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 - closed below
        servers.append(
            subprocess.Popen(
                [*gunicorn, "--certfile", str(cert), "--keyfile", str(key)],
                cwd=ROOT,
                env={**env, "PORT": str(HTTPS_PORT)},
                stdout=log,
                stderr=log,
            )  # fmt: skip
        )
        # The plain-HTTP side redirects to the HTTPS port (a proxy would do this on 80 -> 443).
        servers.append(
            subprocess.Popen(
                gunicorn,
                cwd=ROOT,
                stdout=log,
                stderr=log,
                env={**env, "PORT": str(HTTP_PORT), "SECURE_SSL_HOST": f"{HOST}:{HTTPS_PORT}"},
            )  # fmt: skip
        )
        time.sleep(3)

        node_env = {**os.environ, "NODE_EXTRA_CA_CERTS": str(cert)}
        results = {}
        for page in PAGES:
            scan = subprocess.run(
                ["node", str(ROOT / ".ci/observatory.mjs"), HOST, str(HTTP_PORT),
                 str(HTTPS_PORT), page],
                cwd=ROOT, env=node_env, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            try:
                results[page] = json.loads(scan.stdout)
            except json.JSONDecodeError:
                log.flush()
                server_log = (workdir / "gunicorn.log").read_text()[-3000:]
                fail(f"no result for {page}:\n{scan.stdout}{scan.stderr}\n{server_log}")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        if servers:
            log.close()
        shutil.rmtree(workdir, ignore_errors=True)

    problems = []
    for page, result in results.items():
        if "error" in result:
            problems.append(f"{page}: {result['error']}")
            continue
        print(
            f"observatory: {page} -> {result['url']}: grade {result['grade']}, score "
            f"{result['score']}, {result['testsPassed']}/{result['testsQuantity']} tests passed"
        )
        for name, test in result["tests"].items():
            mark = "pass" if test["pass"] else "FAIL"
            print(f"    {mark} {name}: {test['result']} ({test['modifier']:+d})")
        if result["testsPassed"] != result["testsQuantity"]:
            problems.append(f"{page}: {result['testsPassed']}/{result['testsQuantity']} passed")
        if result["score"] < MINIMUM_SCORE:
            problems.append(f"{page}: score {result['score']} < {MINIMUM_SCORE}")
    if problems:
        fail("; ".join(problems))
    print("observatory: all tests pass on every page")


if __name__ == "__main__":
    main()
