"""Smart Therapy settings: the only settings module, configured from the environment.

Every value is read with django-environ from the process environment or an optional
`.env` file beside manage.py. The README lists each variable with its default.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# ENV_FILE names the optional file of settings; empty reads none (the tests set it so, so that a
# developer's own .env cannot change what they check). The process environment always wins.
ENV_FILE = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
if "ENV_FILE" in os.environ and ENV_FILE and not Path(ENV_FILE).is_file():
    # Named on purpose but missing (a typo?): running on the defaults would hide it.
    sys.exit(f"ENV_FILE is {ENV_FILE!r}, but there is no such file.")
if ENV_FILE:
    environ.Env.read_env(ENV_FILE, overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        # SystemExit prints one line instead of a traceback, so the operator sees what to do.
        sys.exit("SECRET_KEY is not set: set the SECRET_KEY environment variable (or DEBUG=true).")
    SECRET_KEY = "development-only-key-not-for-production"  # noqa: S105 - DEBUG only
# Old keys, still accepted for signatures made before a rotation (see README "Security").
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications -------------------------------------------------------------------------

INSTALLED_APPS = [
    # Django's admin with a site that can require a second factor (editing/admin_site.py).
    "editing.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "editing.app_names.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp, with a plain name
    "editing.app_names.SignInLockoutsConfig",  # axes, with a plain name
    "csp",
    "phonenumber_field",
    "reversion",
    # The shared library, then the rooms built on it, then the content apps, top-down.
    "core",
    "search",
    "redirects",
    "editing",
    "therapists",
    "articles",
    "enquiries",
    "pages",
]

MIDDLEWARE = [
    # Outermost: HEAD gets every response's headers and no body (gunicorn logs one otherwise).
    "core.middleware.HeadWithoutBodyMiddleware",
    # Next: stores anonymous visitors' pages with every header the middleware below adds (CSP,
    # HSTS...) and serves them before sessions, CSRF and URL resolution. smarttherapy/wsgi.py
    # answers from the same cache before Django runs (core/pagecache_wsgi.py).
    "core.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Above everything that may answer early (a bad Host's 400 from CommonMiddleware included).
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Every response (static, error, and pages, stored with them by the page cache) gets these.
    "csp.middleware.CSPMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # 405 for a method a view never accepts, before the CSRF check would answer 403.
    "core.middleware.MethodNotAllowedMiddleware",
    # Public forms: small bodies, few fields, no files, before the CSRF check reads the form.
    "core.form_limits.PublicFormLimitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.db_errors.DatabaseUnavailableMiddleware",
    # On a 404 only: an old address answers 301 to its page's current address.
    "redirects.middleware.RedirectFallbackMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: answers 429 to a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "smarttherapy.urls"
WSGI_APPLICATION = "smarttherapy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        # APP_DIRS stays off because "loaders" is set; the cached loader is Django's default
        # whenever DEBUG is off, so templates are compiled once per process in production.
        "OPTIONS": {
            "loaders": [
                "django.template.loaders.filesystem.Loader",
                "django.template.loaders.app_directories.Loader",
            ]
            if DEBUG
            else [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "smarttherapy.context_processors.practice",
            ],
        },
    },
]

# --- Database and cache -------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Seconds each web request may wait for PostgreSQL in all (core/db_deadline.py): a server that
# is frozen, and so never answers, costs a visitor this long before the 503 page.
DB_REQUEST_TIMEOUT = env.float("DB_REQUEST_TIMEOUT", default=3)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, whose waits for the server stop at the request's deadline.
    DATABASES["default"]["ENGINE"] = "core.postgresql"
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Fail fast when the database is down or hung, so visitors get a 503, not a hang.
            "connect_timeout": env.int("DB_CONNECT_TIMEOUT", default=3),
            # No JIT: compiling a search's plan (its cost estimate passes jit_above_cost at
            # 10,000 entries) took 100 ms of a 140 ms query; a page's queries are short.
            "options": f"-c statement_timeout={env.int('DB_STATEMENT_TIMEOUT_MS', default=5000)}"
            " -c jit=off",
            # A network that drops packets: the kernel gives up on data left unacknowledged
            # this long, and keepalives find a dead idle connection before a request uses it.
            "tcp_user_timeout": env.int("DB_TCP_USER_TIMEOUT_MS", default=5000),
            "keepalives": 1,
            "keepalives_idle": env.int("DB_KEEPALIVES_IDLE", default=30),
            "keepalives_interval": 5,
            "keepalives_count": 3,
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Keep the connection for the life of the worker: reopening it costs every request ~2 ms.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=None)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Several workers: readers never wait for a writer (WAL), and a write transaction
            # takes its lock at the start instead of failing half-way with "database is locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 5,
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The site search's words that show the crisis box, and its vocabulary of synonyms and
# spellings: this site's rules, handed to the search app (which never imports smarttherapy).
SEARCH_RISK_WORDS = "smarttherapy.risk_words"
SEARCH_VOCABULARY = BASE_DIR / "smarttherapy" / "search_vocabulary.txt"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://smarttherapy")}
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    # A Redis that is down or hung costs a request at most a second, then the page is served
    # uncached and the failure is logged (logger "django_redis.cache").
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}
    )
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Page cache for anonymous visitors (core/pagecache.py), and HTTP caching headers.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Where the content generation lives when the cache is per process (local memory): a file every
# process on this host reads. With Redis it lives in Redis. Default: a file in the temp folder.
PAGE_CACHE_GENERATION_FILE = env.str("PAGE_CACHE_GENERATION_FILE", default="")
PAGE_CACHE_EXCLUDED_PATHS = env.list("PAGE_CACHE_EXCLUDED_PATHS", default=[])
# Cache-Control on public pages: browsers revalidate (ETag), a CDN or proxy keeps them briefly.
CDN_CACHE_SECONDS = env.int("CDN_CACHE_SECONDS", default=60)
CDN_STALE_SECONDS = env.int("CDN_STALE_SECONDS", default=300)

# --- Email --------------------------------------------------------------------------------

vars().update(env.email("EMAIL_URL", default="consolemail://"))
# Mail is sent during the request (after the enquiry is saved): a mail server that hangs must
# not hold the visitor's page until gunicorn kills the worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="website@smarttherapy.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -----------------------------------------------------------------------------

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# A load balancer probes the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Host (and port) that HTTP requests are redirected to; empty keeps the requested host.
SECURE_SSL_HOST = env.str("SECURE_SSL_HOST", default="") or None
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The directive alone enrols nothing; submitting the domain to hstspreload.org is a separate step.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # no script reads it: there is no JavaScript that posts forms
if SESSION_COOKIE_SECURE:
    # The __Host- prefix makes browsers refuse the cookie unless it is Secure, for the whole
    # site (Path=/) and not shared with any subdomain (no Domain).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# Signed-in staff are signed out after this many seconds without a request. Every request of a
# visitor who has a session renews it; visitors without one get no session, cookie or query.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT", default=3600)
SESSION_SAVE_EVERY_REQUEST = True

# Content-Security-Policy (django-csp 4): only this site's own files; no inline code anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        # The public site runs no JavaScript at all; the admin's own scripts are allowed on
        # admin pages only (core.middleware.SecurityHeadersMiddleware).
        "script-src": ["'none'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        # Lets audit tools (Lighthouse) read /robots.txt from the page's own origin; no script
        # can run to use it (script-src 'none'). Admin pages drop it (SecurityHeadersMiddleware).
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
# Sent on every response by core.middleware.SecurityHeadersMiddleware.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), "
    "midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), "
    "screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=(), "
    "interest-cohort=(), browsing-topics=()"
)
# Other sites may not embed this site's responses (images, styles) in their pages.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# Requests larger than these are refused with 400 before any view runs. The admin needs these;
# the public forms have tighter limits and take no files (core/form_limits.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# A refused form post (a missing or stale CSRF token) gets the site's own 403 page.
CSRF_FAILURE_VIEW = "smarttherapy.views.csrf_failure"
# Only the admin sends messages, to signed-in staff: keep them in the session, so no cookie
# other than the __Host- session and CSRF cookies is ever set.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Admin: its address, brute-force lockout, passwords and a second factor ---------------

# The admin's path, e.g. "office-7f3a/": moving it off /admin/ cuts noise from scanners.
ADMIN_URL = env.str("ADMIN_URL", default="admin/").strip("/") + "/"
# Staff sign in with a one-time code from an authenticator app as well as their password.
ADMIN_REQUIRE_2FA = env.bool("ADMIN_REQUIRE_2FA", default=not DEBUG)
# OTP_TOTP_ISSUER (the name the authenticator app shows) is the practice name: see below.

AUTHENTICATION_BACKENDS = [
    # django-axes refuses sign-ins for a locked username and address pair first.
    "editing.auth_backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed sign-ins for one username from one address lock that pair (only that pair, so
# nobody can lock staff out from elsewhere) for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=30) / 60  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
AXES_VERBOSE = False  # no start-up banner on every manage.py command; lockouts are still logged
# How many reverse proxies of ours (nginx, a load balancer) stand in front of gunicorn. Only
# then is the client address read from X-Forwarded-For, counting that many entries from the
# right; with 0 the header is ignored, since anyone can send it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation -----------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads (core/media_storage.py): "default" holds the public resized copies, "originals" the
# private originals, kept uploads and import files. filesystem: both in MEDIA_ROOT (one server,
# or a shared disk). s3: an S3-compatible object store (S3, R2, B2, MinIO) that every app server
# shares; docs/deployment.md shows the settings for each.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE not in {"filesystem", "s3"}:
    raise ImproperlyConfigured("MEDIA_STORAGE must be filesystem or s3.")


def s3_media_storages(env):
    """STORAGES' "default" and "originals" in an S3-compatible store, from the environment,
    and the origins pages' images come from (for img-src). Also used by the tests."""
    s3 = {
        "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        # Empty: boto3 finds them itself (an instance role, ~/.aws).
        "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
        "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
        "signature_version": "s3v4",
        # Never write over a stored object: a replaced image's old copies stay until the save
        # is committed, and a public copy's address always means the same bytes.
        "file_overwrite": False,
    }
    # "public-read" where the store has object ACLs (S3 with ACLs on, B2, MinIO); empty where
    # the bucket itself is public and has no ACLs (R2, S3 with "bucket owner enforced").
    public_acl = env.str("AWS_DEFAULT_ACL", default="public-read") or None
    originals_bucket = env.str("AWS_ORIGINALS_BUCKET_NAME", default="") or s3["bucket_name"]
    if public_acl is None and originals_bucket == s3["bucket_name"]:
        # Without object ACLs the public bucket is public as a whole: originals would be too.
        raise ImproperlyConfigured(
            "With AWS_DEFAULT_ACL empty, set AWS_ORIGINALS_BUCKET_NAME to a private bucket of "
            "its own: the original uploads must never be public."
        )
    custom_domain = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
    protocol = env.str("AWS_S3_URL_PROTOCOL", default="https:")
    storages = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **s3,
                "default_acl": public_acl,
                "querystring_auth": False,
                "custom_domain": custom_domain,
                "url_protocol": protocol,
                "object_parameters": {
                    "CacheControl": env.str(
                        "MEDIA_CACHE_CONTROL", default="public, max-age=31536000, immutable"
                    )
                },
            },
        },
        "originals": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **s3,
                # A bucket of their own is safest (nothing in it is ever public).
                "bucket_name": originals_bucket,
                "default_acl": "private" if public_acl else None,
                # Staff only ever get a signed address that lasts five minutes.
                "querystring_auth": True,
                "querystring_expire": 300,
                "object_parameters": {"CacheControl": "private, no-store"},
            },
        },
    }
    if custom_domain:
        origins = [f"{protocol}//{custom_domain}"]
    elif s3["endpoint_url"]:
        endpoint = urlsplit(s3["endpoint_url"])
        origins = [f"{endpoint.scheme}://{endpoint.netloc}"]
    else:
        origins = [f"https://{s3['bucket_name']}.s3.amazonaws.com"]
        if s3["region_name"]:
            origins.append(f"https://{s3['bucket_name']}.s3.{s3['region_name']}.amazonaws.com")
    return storages, origins


if MEDIA_STORAGE == "s3":
    _media_storages, MEDIA_ORIGINS = s3_media_storages(env)
else:
    MEDIA_ORIGINS = []  # pages' images come from this site only
    _media_storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        # The same folder: the web server refuses the originals folders (deploy/nginx.conf).
        "originals": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
STORAGES = {
    **_media_storages,
    # Compressed, content-hashed names that whitenoise serves with far-future cache headers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += MEDIA_ORIGINS
WHITENOISE_MAX_AGE = 31_536_000 if not DEBUG else 0

# --- The practice -------------------------------------------------------------------------

PRACTICE = {
    "name": env.str("PRACTICE_NAME", default="Smart Therapy"),
    "tagline": env.str(
        "PRACTICE_TAGLINE",
        default="Integrative psychotherapy and counselling, in person and online",
    ),
    "email": env.str("PRACTICE_EMAIL", default="hello@smarttherapy.example"),
    "phone": env.str("PRACTICE_PHONE", default="020 7946 0000"),
    # The postal address in parts, for search engines (a schema.org PostalAddress); the pages
    # show `address`, by default the same parts on one line.
    "street": env.str("PRACTICE_STREET", default="12 Example Street"),
    "locality": env.str("PRACTICE_LOCALITY", default="London"),
    "postcode": env.str("PRACTICE_POSTCODE", default="N1 0AA"),
    "country": env.str("PRACTICE_COUNTRY", default="GB"),
    "hours": env.str("PRACTICE_HOURS", default="Monday to Friday, 9am to 6pm"),
    # The same hours for search engines, in schema.org's format; empty leaves them out.
    "opening_hours": env.str("PRACTICE_OPENING_HOURS", default="Mo-Fr 09:00-18:00"),
    # Static files: the logo search engines show beside the practice's articles (square, at
    # least 112px), and the picture of a shared page that has no picture of its own.
    "logo": env.str("PRACTICE_LOGO", default="img/logo.png"),
    "logo_size": env.int("PRACTICE_LOGO_SIZE", default=512),
    "share_image": env.str("PRACTICE_SHARE_IMAGE", default="img/share.png"),
    "share_image_width": env.int("PRACTICE_SHARE_IMAGE_WIDTH", default=1200),
    "share_image_height": env.int("PRACTICE_SHARE_IMAGE_HEIGHT", default=630),
    "share_image_alt": env.str(
        "PRACTICE_SHARE_IMAGE_ALT",
        default="Smart Therapy: psychotherapy and counselling, in person and online",
    ),
    # When the practice answers a message, as the end of "We reply …" on the contact page and
    # profiles, and in the JSON-LD contact point.
    "reply_within": env.str("PRACTICE_REPLY_WITHIN", default="within two working days"),
}
PRACTICE["address"] = env.str(
    "PRACTICE_ADDRESS",
    default=f"{PRACTICE['street']}, {PRACTICE['locality']} {PRACTICE['postcode']}",
)
# Authenticator apps list the admin's one-time codes under the practice's name.
OTP_TOTP_ISSUER = PRACTICE["name"]
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Crisis signposting, shown in the same place on every page (WCAG 2.2 "consistent help").
CRISIS = {
    "notice": env.str(
        "CRISIS_NOTICE",
        default="We are not an emergency service and cannot respond to urgent messages.",
    ),
    "emergency": env.str("CRISIS_EMERGENCY", default="999"),
    "nhs": env.str("CRISIS_NHS", default="111"),
    "nhs_note": env.str("CRISIS_NHS_NOTE", default="option 2 for mental health"),
    "samaritans": env.str("CRISIS_SAMARITANS", default="116 123"),
    "samaritans_note": env.str("CRISIS_SAMARITANS_NOTE", default="free, 24 hours a day"),
}
# The error pages (core/errors.py) are rendered from settings alone: what they know of the
# practice, and the last line of the plain page sent when not even a template can be rendered.
ERROR_PAGE_CONTEXT = "smarttherapy.context_processors.practice"
ERROR_PAGE_HELP = "smarttherapy.context_processors.urgent_help"

# --- Enquiries ----------------------------------------------------------------------------

# Phone numbers visitors leave are checked with Google's libphonenumber (django-phonenumber-field):
# read as numbers in this region unless they start with + (two-letter code, e.g. GB), stored in
# E.164 ("+447700900123"), shown to staff in this region's national format.
PHONENUMBER_DEFAULT_REGION = env.str("PHONE_REGION", default="GB")
PHONENUMBER_DB_FORMAT = "E164"

# Enquiries (personal data) are deleted this many days after they arrive, by the daily
# `manage.py delete_old_enquiries`; the privacy notice quotes the same number.
ENQUIRY_RETENTION_DAYS = env.int("ENQUIRY_RETENTION_DAYS", default=180)

# Revisions of articles, topics, therapists and modalities older than this many days are deleted
# by `manage.py prune_revisions` (the newest of each object is always kept). Empty: keep all.
REVISIONS_KEEP_DAYS = env.int("REVISIONS_KEEP_DAYS", default=None)
# An image kept across a form that came back with an error (editing/kept_uploads.py) can be
# re-attached for this many hours; after that, the daily `manage.py prune_kept_uploads` deletes it.
KEPT_UPLOADS_MAX_AGE_HOURS = env.int("KEPT_UPLOADS_MAX_AGE_HOURS", default=24)
# Most enquiries one address may send in an hour; more get a 429 page.
ENQUIRY_RATE_LIMIT = env.int("ENQUIRY_RATE_LIMIT", default=5)
# Who is told that an enquiry arrived (the email holds a link to the admin, never its content).
ENQUIRY_NOTIFY_EMAILS = env.list("ENQUIRY_NOTIFY_EMAILS", default=[PRACTICE["email"]])
# A new request is due a reply by the end of this many working days after it arrives
# (weekends and the UK bank holidays of BANK_HOLIDAYS_REGION skipped: ENG, SCT, NIR or WLS).
REPLY_WORKING_DAYS = env.int("REPLY_WORKING_DAYS", default=2)
BANK_HOLIDAYS_REGION = env.str("BANK_HOLIDAYS_REGION", default="ENG")
# When a person asks us not to say we are a therapy practice, every message to them uses this
# sender name, address and subject (the practice's name and the usual subject otherwise).
NEUTRAL_SENDER_NAME = env.str("NEUTRAL_SENDER_NAME", default="Appointments")
NEUTRAL_FROM_EMAIL = env.str("NEUTRAL_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
NEUTRAL_SUBJECT = env.str("NEUTRAL_SUBJECT", default="Appointment")
# A booked first conversation's cancel link works until this many hours before it.
CANCEL_LINK_HOURS_BEFORE = env.int("CANCEL_LINK_HOURS_BEFORE", default=24)

# --- Trust: reviews, registrations, availability -----------------------------------------

# An article's next clinical review is due this many months after each review.
ARTICLE_REVIEW_MONTHS = env.int("ARTICLE_REVIEW_MONTHS", default=12)
# An article is published (now or scheduled) only once a clinical reviewer, a listed therapist
# other than the author, has signed off its body as it is (articles/models.py, check_sign_off).
CLINICAL_REVIEW_REQUIRED = env.bool("CLINICAL_REVIEW_REQUIRED", default=True)
# A therapist's registration is listed for re-checking this many months after it was checked.
REGISTRATION_RECHECK_MONTHS = env.int("REGISTRATION_RECHECK_MONTHS", default=12)
# "Accepting new clients" counts for this many days after staff last confirmed it; after that
# the profile says "Ask about availability" and the accepting filter leaves the therapist out.
AVAILABILITY_CONFIRM_DAYS = env.int("AVAILABILITY_CONFIRM_DAYS", default=30)

# --- Logging ------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Search terms are health data: no log line names them (smarttherapy/private_logs.py).
    "filters": {"no_search_terms": {"()": "smarttherapy.private_logs.NoSearchTerms"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_search_terms"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
