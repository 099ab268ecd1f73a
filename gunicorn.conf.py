"""gunicorn settings, read from the environment (see the README)."""

import os
import sys
from pathlib import Path

from gunicorn.glogging import Logger

# The project's folder, so the rule below is importable however gunicorn was started.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from smarttherapy.private_logs import SEARCH_PATH, is_search_path, without_search_terms  # noqa: E402

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104 - in a container
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# Sync workers must sit behind a buffering proxy (deploy/nginx.conf) so slow clients cannot tie them up.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"


class PrivateSearchLogger(Logger):
    """The access log never records what was searched for: search terms are health data.

    A request for the search page is logged as /search/ without anything after it, and so is
    a Referer pointing at it (browsers are told not to send one from it, but older ones may).
    Paths are compared after percent-decoding, so /search/%3Fq=… and /%73earch/ count
    (smarttherapy/private_logs.py, the same rule as Django's own log lines).
    """

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if any(is_search_path(environ.get(key) or "") for key in ("RAW_URI", "PATH_INFO")):
            method, protocol = environ.get("REQUEST_METHOD"), environ.get("SERVER_PROTOCOL")
            atoms["r"] = f"{method} {SEARCH_PATH} {protocol}"
            atoms["U"] = SEARCH_PATH
            atoms["q"] = ""
        for key in ("f", "{referer}i"):
            if key in atoms:
                atoms[key] = without_search_terms(atoms[key])
        return atoms


logger_class = PrivateSearchLogger
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "smarttherapy.wsgi:application"
# gunicorn's control socket (gunicornc) is not used; it would need a writable home folder, which
# the container's app user does not have.
control_socket_disable = True
