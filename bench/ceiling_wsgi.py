"""The pure ceiling for `make bench`: gunicorn and WhiteNoise alone, no Django, serving the same
article HTML as a static file. bench/run.py starts it with BENCH_CEILING_ROOT set to the folder
holding that file (served under /static/bench/, the address the Django ceiling uses)."""

import os

from whitenoise import WhiteNoise


def not_found(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"Not found\n"]


application = WhiteNoise(not_found, root=os.environ["BENCH_CEILING_ROOT"], prefix="/static/bench/")
