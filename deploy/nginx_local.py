"""deploy/nginx.conf, made to run somewhere other than the host it was written for.

The same file, with its EDIT lines and TLS swapped by the rules below, runs in front of a local
gunicorn (tests/test_nginx.py, `make bench`, `make loadtest`) and in the compose stack (the
Dockerfile's nginx stage runs `python deploy/nginx_local.py compose`). A rule that no longer
matches the file is an error, so the file and what is tested cannot drift apart.

Plain Python, no Django: the Dockerfile's nginx stage runs it before anything is installed.
"""

import atexit
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
CONF = DEPLOY / "nginx.conf"


class ConfigError(Exception):
    """deploy/nginx.conf no longer looks as these rules expect: fix the rule with the file."""


def _sub(text, pattern, replacement):
    text, count = re.subn(pattern, lambda _: replacement, text)
    if not count:
        raise ConfigError(f"deploy/nginx.conf no longer matches {pattern!r}")
    return text


def site(
    *,
    upstream,
    listen,
    http_listen=None,
    deploy_dir="/srv/smarttherapy/deploy",
    static_parent="/srv/smarttherapy",
    media_dir="/srv/smarttherapy/media",
    cache_dir="/var/cache/nginx/smarttherapy",
    access_log="/var/log/nginx/smarttherapy.access.log",
    forwarded_proto=None,
    show_cache_status=False,
):
    """The server blocks of deploy/nginx.conf with the TLS server on plain `listen`.

    upstream: host:port of gunicorn. http_listen: where the plain-HTTP server (health check,
    redirect to HTTPS) listens, or None to leave it out. forwarded_proto: "https" to tell the
    app the request came over HTTPS (as in production) although this copy has no TLS.
    show_cache_status: send X-Cache-Status (the documented debug switch)."""
    text = CONF.read_text()
    text = _sub(text, r"server 127\.0\.0\.1:8000", f"server {upstream}")
    plain_server = r"(?s)\n# Plain HTTP[^\n]*\nserver \{.*?\n\}\n"
    if http_listen is None:
        text = _sub(text, plain_server, "\n")
    else:
        text = _sub(text, r"listen 80;\n\s*listen \[::\]:80;", f"listen {http_listen};")
    text = _sub(
        text, r"listen 443 ssl http2;\n\s*listen \[::\]:443 ssl http2;", f"listen {listen};"
    )
    text = _sub(text, r"\n\s*ssl_[^\n]*", "")
    if forwarded_proto:
        # Only the server that stands for the HTTPS one; the health check's keeps $scheme.
        head, tail = text.split(f"listen {listen};", 1)
        tail = _sub(tail, r"X-Forwarded-Proto \$scheme", f"X-Forwarded-Proto {forwarded_proto}")
        text = f"{head}listen {listen};{tail}"
    text = _sub(text, r"/var/cache/nginx/smarttherapy", str(cache_dir))
    text = _sub(text, r"/srv/smarttherapy/deploy", str(deploy_dir))
    text = _sub(text, r"/srv/smarttherapy/media/", f"{str(media_dir).rstrip('/')}/")
    text = _sub(text, r"root /srv/smarttherapy;", f"root {static_parent};")
    text = _sub(text, r"/var/log/nginx/smarttherapy\.access\.log", str(access_log))
    if show_cache_status:
        text = _sub(
            text,
            r'default "";  # DEBUG: \$upstream_cache_status',
            "default $upstream_cache_status;",
        )
    return text


def _cache_folder():
    """The micro-cache's folder: nginx's workers (nobody, when run as root) write it, and the
    prefix may sit in a folder only its owner can enter (pytest's tmp_path), so it gets a fresh
    folder of its own, removed when this process ends."""
    folder = Path(tempfile.mkdtemp(prefix="smarttherapy-nginx-cache-"))
    folder.chmod(0o777)  # noqa: S103 - a throwaway folder for a local nginx's workers
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def local(prefix, *, upstream_port, port, http_port, static_parent, workers=1, **options):
    """A complete nginx configuration under the folder `prefix` (logs, temporary files and
    media/ inside it), for `nginx -p prefix -c <returned path>`."""
    prefix = Path(prefix)
    for folder in ("logs", "temp", "media"):
        (prefix / folder).mkdir(exist_ok=True)
        (prefix / folder).chmod(0o777)
    options = {
        "deploy_dir": DEPLOY,
        "media_dir": prefix / "media",
        "access_log": prefix / "logs" / "access.log",
        "forwarded_proto": "https",
        **options,
    }
    if "cache_dir" not in options:
        options["cache_dir"] = _cache_folder()
    server_blocks = site(
        upstream=f"127.0.0.1:{upstream_port}",
        listen=f"127.0.0.1:{port}",
        http_listen=f"127.0.0.1:{http_port}",
        static_parent=static_parent,
        **options,
    )
    (prefix / "site.conf").write_text(server_blocks)
    main = f"""
daemon off;
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log {prefix}/logs/access.log;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    include {prefix}/site.conf;
}}
"""
    (prefix / "nginx.conf").write_text(main)
    return prefix / "nginx.conf"


def start(nginx, prefix, config, port, timeout=10):
    """nginx -t, then nginx in the foreground; returns the process once `port` accepts and
    nginx has written its own pid into its pid file. nginx listens on its first port before
    binding the next (retrying a taken one for about 2.5 s, then exiting): the first port
    accepting is not yet a started nginx; the pid is written once every port is bound. `nginx -t`
    leaves an empty pid file behind, so the file existing says nothing."""
    check = subprocess.run(  # noqa: S603 - our own nginx and files
        [nginx, "-t", "-p", str(prefix), "-c", str(config)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if check.returncode:
        raise ConfigError(f"nginx -t rejected the generated configuration:\n{check.stderr}")
    process = subprocess.Popen(  # noqa: S603 - our own nginx and files
        [nginx, "-p", str(prefix), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pid_file = Path(prefix) / "nginx.pid"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            if _pid_in(pid_file) == process.pid:
                return process
        except OSError:
            pass
        time.sleep(0.1)
    process.kill()
    process.wait()
    raise ConfigError(f"nginx did not start; see {prefix}/logs/error.log")


def _pid_in(pid_file):
    try:
        return int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def compose():
    """The server blocks for the compose stack: plain HTTP on port 80, the app at web:8000, the
    access log on the container's output. TLS is the job of the host's proxy in front (compose
    publishes the port on 127.0.0.1 only): the scheme it reports in X-Forwarded-Proto is passed
    on, so the app knows a request came over HTTPS (none at all: plain HTTP, for a local try)."""
    return site(
        upstream="web:8000",
        listen="80",
        access_log="/dev/stdout",
        forwarded_proto="$http_x_forwarded_proto",
    )


if __name__ == "__main__":
    if sys.argv[1:] != ["compose"]:
        sys.exit("usage: python deploy/nginx_local.py compose > smarttherapy.conf")
    sys.stdout.write(compose())
