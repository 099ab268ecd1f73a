"""gunicorn settings, read from the environment (see the README)."""

import os
from urllib.parse import urlsplit, urlunsplit

from gunicorn.glogging import Logger

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

    A request for /search/ is logged without its query string, and so is a Referer pointing
    at /search/ (browsers are told not to send one from it, but older ones may).
    """

    SEARCH_PATH = "/search/"

    @classmethod
    def _without_search_terms(cls, url):
        if not url or url == "-":
            return url
        parts = urlsplit(url)
        if parts.path.rstrip("/") + "/" != cls.SEARCH_PATH or not parts.query:
            return url
        return urlunsplit(parts._replace(query="", fragment=""))

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if (environ.get("PATH_INFO") or "").rstrip("/") + "/" == self.SEARCH_PATH:
            path = environ.get("PATH_INFO")
            atoms["r"] = f"{environ.get('REQUEST_METHOD')} {path} {environ.get('SERVER_PROTOCOL')}"
            atoms["q"] = ""
        for key in ("f", "{referer}i"):
            if key in atoms:
                atoms[key] = self._without_search_terms(atoms[key])
        return atoms


logger_class = PrivateSearchLogger
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "smarttherapy.wsgi:application"
# gunicorn's control socket (gunicornc) is not used; it would need a writable home folder, which
# the container's app user does not have.
control_socket_disable = True
