# Smart Therapy: production image. gunicorn serves the app and whitenoise the static files.
# `docker build .` builds it (the last stage, `app`); `--target nginx` builds the nginx that
# compose.yaml puts in front of it: deploy/nginx.conf with its micro-cache, the collected static
# files and the maintenance page.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000

RUN groupadd --system app && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app

COPY requirements/production.txt requirements/production.txt
RUN pip install --require-hashes -r requirements/production.txt

# The code stays owned by root, so the app user cannot change it; it may write uploads only.
COPY . .
# collectstatic needs a key to import settings; this one is thrown away with the build layer.
RUN SECRET_KEY=collectstatic-only DEBUG=false python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown app:app /app/media

# deploy/nginx.conf for the compose stack: plain HTTP on port 80, the app at web:8000.
FROM python:3.11-slim AS nginx-config
COPY deploy/ /deploy/
RUN python /deploy/nginx_local.py compose > /default.conf

FROM nginx:1.27-alpine AS nginx
COPY --from=nginx-config /default.conf /etc/nginx/conf.d/default.conf
COPY --from=base /app/staticfiles /srv/smarttherapy/static
COPY deploy/maintenance.html /srv/smarttherapy/deploy/maintenance.html
RUN mkdir -p /srv/smarttherapy/media /var/cache/nginx/smarttherapy

FROM base AS app
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=4)"
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
