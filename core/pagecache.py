"""A page cache for anonymous visitors, and HTTP caching headers for public pages.

How invalidation works, across every app server process:

- A *content generation* record lives in a shared place: the default cache when it is shared
  between processes (Redis), otherwise a small file (the local-memory cache is per process, so
  it cannot carry a generation that every gunicorn worker sees). Every cache key includes the
  generation, so bumping it makes every cached page unreachable at once.
- Saving or deleting any registered content (see `core.content`: each app declares its models),
  their many-to-many links, or anything changed in the admin bumps it (`watch()`).
- The record also holds the soonest scheduled change (e.g. a scheduled article's publish
  time). The first request after that moment bumps the generation, so a page cached before an
  article was due never hides it.

Requests that carry a session (staff, and with it any pending messages) bypass the cache without
touching the database. Only plain, public responses are stored: GET, status 200, no cookies set,
no Cache-Control from the view (previews and admin pages use `never_cache`), no
Content-Encoding, no Vary other than Cookie and Accept-Encoding.
"""

import contextlib
import hashlib
import logging
import os
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from core import clock

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
_LOCAL_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
_STORABLE_VARY = {"cookie", "accept-encoding"}


# --- The generation record -----------------------------------------------------------------


def _cache_is_shared():
    return settings.CACHES["default"]["BACKEND"] not in _LOCAL_BACKENDS


def _generation_file():
    configured = getattr(settings, "PAGE_CACHE_GENERATION_FILE", None)
    if configured:
        return Path(configured)
    digest = hashlib.sha256(str(settings.BASE_DIR).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"smarttherapy-pagecache-{digest}"


def _encode(generation, due):
    return f"{generation} {'-' if due is None else repr(due)}"


def _decode(text):
    try:
        generation, due = text.split()
        return int(generation), None if due == "-" else float(due)
    except (AttributeError, ValueError):
        return None


def _read_record():
    if _cache_is_shared():
        return _decode(cache.get(GENERATION_KEY))
    try:
        return _decode(_generation_file().read_text())
    except OSError:
        return None


def _write_record(generation, due):
    text = _encode(generation, due)
    if _cache_is_shared():
        cache.set(GENERATION_KEY, text, timeout=None)
        return
    path = _generation_file()
    # Write beside, then rename: readers in other processes never see half a record.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def _new_generation():
    # Time-based, so a lost record (evicted, flushed) restarts above every earlier generation.
    return time.time_ns()


_next_change_sources = []


def _next_scheduled_publish():
    """The soonest scheduled change of any watched model, as a timestamp."""
    moments = [moment for source in _next_change_sources if (moment := source()) is not None]
    return min(moments).timestamp() if moments else None


def watch(model, next_change=None):
    """Any save or deletion of `model`, or a change of its many-to-many links, invalidates every
    cached page; `next_change()`, if given, says when its pages next change by themselves (e.g.
    a scheduled article's publish time). Called by `core.content.register()`."""
    if next_change is not None and next_change not in _next_change_sources:
        _next_change_sources.append(next_change)
    uid = f"pagecache:{model._meta.label}"
    post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}:save")
    post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}:delete")
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(
            content_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}"
        )


def current_generation():
    """The generation to key pages with; bumps it when a scheduled article has become due."""
    record = _read_record()
    if record is None or (record[1] is not None and record[1] <= clock.time()):
        # Rare: the first request after a start or a flush, or after a scheduled publish time.
        record = (_new_generation(), _next_scheduled_publish())
        _write_record(*record)
    return record[0]


def content_changed(sender=None, instance=None, **kwargs):
    """Signal receiver: any public content changed, so no cached page may be served again."""
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed: wait for the change itself
    try:
        if _read_record() is None:
            # Nothing known: the next request starts a new generation (and reads the schedule).
            return
        # The schedule is read again from each registration's `next_change` (e.g. through
        # Article.objects.scheduled()), so a change that schedules or unschedules is accounted for.
        _write_record(_new_generation(), _next_scheduled_publish())
    except Exception:  # a cache outage must never stop staff saving their work
        logger.warning("Could not invalidate the page cache", exc_info=True)


# Values derived from public content, this process's copy: name -> (key, value).
_derived = {}
# Long: the key changes with every change of content, so an entry is never stale.
DERIVED_TIMEOUT = 24 * 60 * 60


def until_content_changes(name, build):
    """`build()`, computed once per content generation: kept in the shared cache and in this
    process's memory, so reading it again within a generation runs no query (the menus, the
    map of live pages). When the generation record or the cache cannot be read, it is built
    afresh."""
    try:
        key = f"derived:{name}:{current_generation()}"
    except Exception:
        logger.warning("Content generation unavailable; building %s afresh", name, exc_info=True)
        return build()
    memo = _derived.get(name)
    if memo is not None and memo[0] == key:
        return memo[1]
    value = None
    try:
        value = cache.get(key)
    except Exception:
        logger.warning("Cache unavailable; building %s afresh", name, exc_info=True)
    if value is None:
        value = build()
        try:
            cache.set(key, value, timeout=DERIVED_TIMEOUT)
        except Exception:
            logger.warning("Could not keep %s in the cache", name, exc_info=True)
    _derived[name] = (key, value)
    return value


def last_derived(name, default=None):
    """What this process last built or read for `name`, whatever its generation: for a page
    that must render without the database (an error page)."""
    memo = _derived.get(name)
    return memo[1] if memo is not None else default


def forget_derived():
    """Drop this process's copies (tests)."""
    _derived.clear()


# --- Keys, lookups and replays: shared by the middleware and core/pagecache_wsgi.py ---------


def public_cache_control():
    return (
        f"public, max-age=0, s-maxage={settings.CDN_CACHE_SECONDS}, "
        f"stale-while-revalidate={settings.CDN_STALE_SECONDS}"
    )


def _conditional(request, response):
    """304 Not Modified when the client's copy is current, by ETag or by Last-Modified (the feed
    sends one; If-None-Match wins over If-Modified-Since, as RFC 9110 says)."""
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=last_modified, response=response
    )


def _weak_etag(content):
    return f'W/"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


def static_release():
    """A short tag of the collected static files, part of every key: a deploy with new static
    files must not serve pages linking to files that are gone."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    try:
        return hashlib.md5(manifest.read_bytes(), usedforsecurity=False).hexdigest()[:8]
    except OSError:
        return "dev"


def excluded_prefixes():
    """Paths never served from or stored in the page cache: the health check, the admin, search,
    PAGE_CACHE_EXCLUDED_PATHS, and static and media files (never stored; skipping them spares
    each file a cache lookup)."""
    prefixes = ["/healthz", *getattr(settings, "PAGE_CACHE_EXCLUDED_PATHS", ())]
    prefixes += [url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url.startswith("/")]
    # Search terms are health data: a search is never stored, and never even looked up (each
    # query would be a cache key).
    for name in ("admin:index", "search"):
        with contextlib.suppress(NoReverseMatch):
            prefixes.append(reverse(name))
    return tuple(prefixes)


def request_is_public(request, excluded):
    """Anonymous, safe, not an excluded path. Decided from the request alone, no database."""
    if request.method not in ("GET", "HEAD"):
        return False
    # Messages live in the session (MESSAGE_STORAGE), so the session cookie covers them.
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.path_info.startswith(excluded)


def page_key(request, release):
    """The cache key of a public request's page, or None when the page cache cannot be used
    (a Host Django refuses, or the cache is down)."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # let Django answer 400 as usual
    try:
        generation = current_generation()
    except Exception:
        logger.warning("Page cache unavailable; serving uncached", exc_info=True)
        return None
    url = f"{request.scheme}://{host}{request.get_full_path()}"
    digest = hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
    return f"pagecache:{release}:{generation}:{digest}"


def stored_page(key):
    try:
        return cache.get(key)
    except Exception:
        logger.warning("Page cache unavailable; serving uncached", exc_info=True)
        return None


def store_page(key, response):
    headers = [(k, v) for k, v in response.items() if k != "X-Cache"]
    try:
        cache.set(key, (response.content, headers), timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("Could not store a page in the cache", exc_info=True)


def replay(request, stored):
    """The stored page with every stored header, or 304 when the visitor's copy is current."""
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "HIT"
    return _conditional(request, response)


# Set in the WSGI environ by core/pagecache_wsgi.py when it looked a page up and missed, so the
# middleware stores the page under that key without asking the cache again.
MISSED_KEY = "smarttherapy.pagecache.missed"


# --- The middleware -------------------------------------------------------------------------


class PageCacheMiddleware:
    """Serve and store anonymous visitors' public pages; add ETag and Cache-Control to them.

    First in MIDDLEWARE, so the page is stored with every header the site sends (CSP, HSTS,
    Permissions-Policy...), and core/pagecache_wsgi.py can answer from the cache before Django
    runs at all. A hit here (the test client, or a page stored since the WSGI layer looked)
    skips sessions, CSRF, URL resolution and the view.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._excluded = None
        self._release = static_release()

    def excluded_prefixes(self):
        if self._excluded is None:
            self._excluded = excluded_prefixes()
        return self._excluded

    def __call__(self, request):
        if not request_is_public(request, self.excluded_prefixes()):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                # Signed-in staff see pages no shared cache may keep.
                response["Cache-Control"] = "private, no-cache"
            return response

        key = None
        if settings.PAGE_CACHE_ENABLED:
            key = request.META.get(MISSED_KEY)
            if key is None:
                key = page_key(request, self._release)
                if key is not None:
                    stored = stored_page(key)
                    if stored is not None:
                        return replay(request, stored)

        response = self.get_response(request)
        if not self.response_is_public(response):
            if response.cookies and "Cache-Control" not in response:
                # A form's CSRF cookie, say: no shared cache may hand it to someone else.
                response["Cache-Control"] = "private, no-cache"
            return response
        if "ETag" not in response:
            response["ETag"] = _weak_etag(response.content)
        response["Cache-Control"] = public_cache_control()
        if key is not None:
            if request.method == "GET":
                store_page(key, response)
            response["X-Cache"] = "MISS"
        return _conditional(request, response)

    @staticmethod
    def response_is_public(response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if "Cache-Control" in response or "Content-Encoding" in response:
            return False
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        return vary <= _STORABLE_VARY
