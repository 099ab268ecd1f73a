"""gunicorn settings, read from the environment (see the README)."""

import os

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
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "smarttherapy.wsgi:application"
# gunicorn's control socket (gunicornc) is not used; it would need a writable home folder, which
# the container's app user does not have.
control_socket_disable = True
