"""Two app servers behind nginx, as in production with several servers: gunicorn processes with
the same settings, a shared database (PostgreSQL when DATABASE_URL names one, else a SQLite file),
Redis under a key prefix of their own, and moto's S3 server as the object store. nginx spreads
requests round-robin and says which server answered (X-Upstream)."""

import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.security.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS_URL = "redis://127.0.0.1:6379/11"
PASSWORD = "two-servers-password-1"


class Unavailable(Exception):
    """Something this machine lacks (nginx, Redis, a server that would not start)."""


NGINX_CONF = """
worker_processes 1;
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    client_max_body_size 20m;
    upstream app {{
        server 127.0.0.1:{app_a};
        server 127.0.0.1:{app_b};
    }}
    server {{
        listen 127.0.0.1:{port};
        # The public copies, from the object store (a CDN in front of the bucket would do the same).
        location /media/ {{
            proxy_pass http://127.0.0.1:{s3_port}/{bucket}/;
            proxy_set_header Host 127.0.0.1:{s3_port};
        }}
        location / {{
            proxy_pass http://app;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_next_upstream off;  # a failing server is not hidden by a retry on the other
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


class Cluster:
    def __init__(self, tmp, s3_env, database_url):
        self.tmp = tmp
        self.ports = (free_port(), free_port())
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.prefix = f"servers-{secrets.token_hex(4)}"
        s3_port = urlsplit(s3_env["AWS_S3_ENDPOINT_URL"]).port
        self.env = {
            **os.environ,
            **s3_env,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "ADMIN_REQUIRE_2FA": "false",
            "ENV_FILE": "",
            "DATABASE_URL": database_url,
            "CACHE_URL": f"{REDIS_URL}?key_prefix={self.prefix}",
            "PAGE_CACHE_ENABLED": "true",
            "TRUSTED_PROXY_COUNT": "1",
            "ENQUIRY_RATE_LIMIT": "3",
            # These walks publish articles to follow files and caches across the servers; the
            # clinical sign-off has its own tests (tests/articles/test_sign_off.py).
            "CLINICAL_REVIEW_REQUIRED": "false",
            "SITE_URL": self.url,
            "AWS_S3_CUSTOM_DOMAIN": f"127.0.0.1:{self.port}/media",
            "AWS_S3_URL_PROTOCOL": "http:",
            "WEB_CONCURRENCY": "1",
            "HOST": "127.0.0.1",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        }
        self.env.pop("MEDIA_TEST_BACKEND", None)
        (tmp / "media-a").mkdir()
        (tmp / "media-b").mkdir()
        self._nginx_conf = NGINX_CONF.format(
            user="user root;" if os.geteuid() == 0 else "",
            tmp=tmp,
            app_a=self.ports[0],
            app_b=self.ports[1],
            port=self.port,
            s3_port=s3_port,
            bucket=s3_env["AWS_STORAGE_BUCKET_NAME"],
        )
        self._processes = []

    def manage(self, *args):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            timeout=300,
            stdout=subprocess.DEVNULL,
        )

    def start(self):
        if not Path(NGINX).exists():
            raise Unavailable(f"nginx is not installed ({NGINX})")
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("createsuperuser", "--noinput", "--username", "boss", "--email", "b@x.org")
        for port, media in zip(self.ports, ("media-a", "media-b"), strict=True):
            # Each server has a media folder of its own (left empty: uploads go to the store).
            env = {**self.env, "PORT": str(port), "MEDIA_ROOT": str(self.tmp / media)}
            self._spawn([sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"], env)
        conf = self.tmp / "nginx.conf"
        conf.write_text(self._nginx_conf)
        self._spawn([NGINX, "-p", str(self.tmp), "-c", str(conf), "-g", "daemon off;"], self.env)
        for url in (*(f"http://127.0.0.1:{port}" for port in self.ports), self.url):
            self._wait_until_up(url)

    def _spawn(self, command, env):
        log = (self.tmp / f"process-{len(self._processes)}.log").open("wb")
        self._processes.append(
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        )

    def _wait_until_up(self, url):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if any(process.poll() is not None for process in self._processes):
                raise Unavailable(f"a server stopped while starting:\n{self.logs()}")
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        raise Unavailable(f"{url} did not answer within a minute:\n{self.logs()}")

    def logs(self):
        return "\n".join(
            path.read_text(errors="replace")[-2000:] for path in sorted(self.tmp.glob("*.log"))
        )

    def stop(self):
        for process in self._processes:
            process.terminate()
        for process in self._processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._forget_cache()

    def _forget_cache(self):
        """Delete this run's keys (never the whole Redis database: others share it)."""
        try:
            import redis

            client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
            keys = list(client.scan_iter(f"{self.prefix}:*"))
            if keys:
                client.delete(*keys)
        except Exception:  # noqa: BLE001,S110 - best effort on the way out
            pass

    def server_name(self, upstream):
        """ "a" or "b" for an X-Upstream value."""
        return {f"127.0.0.1:{port}": name for port, name in zip(self.ports, "ab", strict=True)}[
            upstream
        ]


def redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001
        return False
    return True


def postgres_database(base_url, name):
    """A fresh PostgreSQL database `name` beside the one `base_url` names: (url, drop)."""
    import psycopg

    parts = urlsplit(base_url)
    admin = urlunsplit(parts._replace(path="/postgres"))

    def run(statement):
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(statement)

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), lambda: run(
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    )
