"""Settings for gongkai, read from the environment (GONGKAI_*, DATABASE_URL) with defaults that work on a laptop.

SQLite in GONGKAI_DATA_DIR (default ./data) in WAL mode unless DATABASE_URL names a PostgreSQL database.
Production deployments use `gongkai.site.settings_production`, which insists on a secret key and HTTPS.
"""

from __future__ import annotations

import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from gongkai.site.env import env_bool, env_int, env_list, env_networks, env_path, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent

DATA_DIR = env_path("GONGKAI_DATA_DIR", "data")
# Only for development and tests: production settings refuse to start without GONGKAI_SECRET_KEY.
SECRET_KEY = env_str("GONGKAI_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production-5f2b9c")
DEBUG = env_bool("GONGKAI_DEBUG", False)
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gongkai.agencies",
    "gongkai.publishing",
    "gongkai.applications",
    "gongkai.portal",
    "gongkai.reporting",
    "gongkai.workspace",
    "django_tasks",
    "django_tasks_db",
    "gongkai.jobs",
]

MIDDLEWARE = [
    # A request id on every request (X-Request-ID from nginx, else a new one), in every log line and the response
    "gongkai.site.logs.RequestId",
    "django.middleware.security.SecurityMiddleware",
    # Repeat visits to public pages are answered from the page cache here, before sessions, auth and URL resolution,
    # and item pages from their files or rendered for the first time (docs/portal.md, "The crawler case").
    # Content-Security-Policy on every page Django answers, the fast path's included (docs/security.md)
    "gongkai.site.middleware.ContentSecurityPolicy",
    "gongkai.portal.fastpath.PortalFastPath",
    # The site's scripts and the editor's files, before sessions: no session is read or written for them
    "gongkai.site.middleware.ServeAssets",
    # Control characters in any form field, query parameter or JSON string: refused before a view sees them
    "gongkai.site.middleware.RefuseControlCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A year in a URL that no record can have: 404 on every route (docs/security.md)
    "gongkai.site.middleware.YearsInRange",
]

ROOT_URLCONF = "gongkai.site.urls"
WSGI_APPLICATION = "gongkai.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context.site_url",
                "gongkai.workspace.context.inbox_count",
            ],
        },
    },
    # The item page, the page crawlers ask for a million times, and the search results page, a new URL for nearly
    # every query (docs/portal.md): Jinja2 renders them many times faster. Their templates are in jinja2/; it reads
    # templates/ too, for the frame both engines share.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PACKAGE_DIR / "jinja2", PACKAGE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "gongkai.portal.jinja.environment"},
    },
]

DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("GONGKAI_DB_CONN_MAX_AGE", 60))}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # The portal's hot statements (gongkai.common.db.prepared_cursor) are prepared from their fifth run on a
        # connection and run on their generic plan: planned once, where planning the item page's statement took
        # longer than running it. Django's own queries bind on the client and are never prepared, so neither
        # setting touches them. GONGKAI_DB_PREPARE=0 turns preparing off (a pooler in transaction mode older than
        # PgBouncer 1.21 cannot keep prepared statements).
        database_options = DATABASES["default"].setdefault("OPTIONS", {})
        database_options["prepare_threshold"] = 5 if env_int("GONGKAI_DB_PREPARE", 1) else None
        # No JIT compilation: a generic plan's cost is estimated without its LIMIT's value, so at ten million
        # documents the search's walk (0.8 ms to run) passed jit_above_cost and was compiled on every run (5 ms).
        # Beside any server options the URL gives (`?options=...`), not instead of them.
        database_options["options"] = (
            f"{database_options.get('options', '')} -c plan_cache_mode=force_generic_plan -c jit=off".strip()
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "gongkai.sqlite3",
            # Opening SQLite and running the PRAGMAs below costs more than serving a cached page: keep connections.
            "CONN_MAX_AGE": env_int("GONGKAI_DB_CONN_MAX_AGE", 60),
            "OPTIONS": {
                # WAL lets the portal read while staff write; IMMEDIATE avoids "database is locked" on upgrades.
                # A writer waits GONGKAI_DB_BUSY_SECONDS for the lock; past that the visitor gets a clear 503.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                f"PRAGMA busy_timeout={env_int('GONGKAI_DB_BUSY_SECONDS', 20, minimum=1) * 1000};",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff-home"
LOGOUT_REDIRECT_URL = "public-home"

# Idle sessions end after GONGKAI_SESSION_MINUTES; every request pushes the expiry forward.
SESSION_COOKIE_AGE = env_int("GONGKAI_SESSION_MINUTES", 60, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The proxies whose X-Forwarded-For is believed (addresses or CIDR ranges): the client's address, for the rate limits
# and the login throttle, is the right-most address in that header that is not one of them (gongkai.common.clients).
# The default trusts a proxy on the same machine, like the nginx site `gongkai manage portal_nginx` prints.
GONGKAI_TRUSTED_PROXIES = env_networks("GONGKAI_TRUSTED_PROXIES", ["127.0.0.1", "::1"])

# Login throttling (gongkai.agencies.throttle): each sign-in reserves an attempt before the password is checked. One
# address gets GONGKAI_LOGIN_MAX_FAILURES tries per user name (4x that over all names) per window; a user name gets
# that many from all addresses, then one try every GONGKAI_LOGIN_DELAY_SECONDS, so a correct password from another
# address always gets in after a short wait (a delay, never a ban).
GONGKAI_LOGIN_MAX_FAILURES = env_int("GONGKAI_LOGIN_MAX_FAILURES", 5, minimum=1)
GONGKAI_LOGIN_WINDOW_MINUTES = env_int("GONGKAI_LOGIN_WINDOW_MINUTES", 15, minimum=1)
GONGKAI_LOGIN_DELAY_SECONDS = env_int("GONGKAI_LOGIN_DELAY_SECONDS", 30, minimum=1)

# Online applications (docs/applications.md): submissions per address per hour, largest identity document, how long
# a submission form's challenge stays valid, and whether the wait for a fee stops the reply clock.
GONGKAI_APPLY_PER_HOUR = env_int("GONGKAI_APPLY_PER_HOUR", 10, minimum=1)
GONGKAI_IDENTITY_MAX_MB = env_int("GONGKAI_IDENTITY_MAX_MB", 5, minimum=1)
GONGKAI_CHALLENGE_MAX_AGE = env_int("GONGKAI_CHALLENGE_MAX_AGE", 3600, minimum=60)
GONGKAI_FEE_WAIT_EXCLUDED = env_bool("GONGKAI_FEE_WAIT_EXCLUDED", True)

# Annual reports: the role that confirms a report's publication, "leader" (分管领导) or "agency_admin".
GONGKAI_REPORT_SIGNING_ROLE = env_str("GONGKAI_REPORT_SIGNING_ROLE", "leader")

# Attachments: largest accepted upload.
GONGKAI_MAX_ATTACHMENT_MB = env_int("GONGKAI_MAX_ATTACHMENT_MB", 20, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Attachments and identity documents go through Django's storage API (docs/deploy.md). Several app nodes share one
# folder (GONGKAI_MEDIA_DIR, e.g. an NFS mount) or, with `pip install gongkai[s3]`, an S3-compatible bucket:
# GONGKAI_STORAGE=s3 and the AWS_* settings django-storages reads (AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, ...).
MEDIA_ROOT = env_path("GONGKAI_MEDIA_DIR", str(DATA_DIR / "media"))
STORAGES = {
    "default": (
        {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"default_acl": "private", "querystring_auth": True}}
        if env_str("GONGKAI_STORAGE", "filesystem") == "s3"
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"  # never served directly: attachments go through a view that checks permission
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# The portal caches rendered public pages (lists, homes, search, feeds) keyed on version tokens in the database
# (docs/portal.md), in each server process's memory, the least recently used going first; a page is stored under the
# tokens it was rendered from, so no copy outlives a withdrawal, on any process or node. Item pages are files instead.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},  # a page and its URL's scope names: about 1,000 pages, 10-60 KB each
    }
}
# Item pages written as files for nginx to send (docs/portal.md, `gongkai manage portal_nginx`). A withdrawal deletes
# them here, so every process that changes items must see the same folder (like MEDIA_ROOT): hence on by default,
# beside the data; "off" turns it off.
GONGKAI_PAGE_FILES_DIR = (
    ""
    if env_str("GONGKAI_PAGE_FILES_DIR", "") == "off"
    else str(env_path("GONGKAI_PAGE_FILES_DIR", str(DATA_DIR / "pages")))
)
# The visit of an item page, as each server process counts them, that writes its file (portal.page_files.wanted): the
# second by default, since most pages a crawler asks for are asked once; 1 writes every page at its first visit.
GONGKAI_PAGE_FILE_VISITS = env_int("GONGKAI_PAGE_FILE_VISITS", 2, minimum=1)
GONGKAI_PUBLIC_URL = env_str("GONGKAI_PUBLIC_URL", "").rstrip("/")  # e.g. https://gk.example.gov.cn for canonical links

# Mail to applicants (gongkai.applications.mail): through SMTP when GONGKAI_EMAIL_HOST is set, otherwise written as
# files to GONGKAI_MAIL_DIR (default data/mail), so a demo loses nothing. Sent by `gongkai manage send_outbox`.
EMAIL_HOST = env_str("GONGKAI_EMAIL_HOST", "")
EMAIL_PORT = env_int("GONGKAI_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("GONGKAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("GONGKAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GONGKAI_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("GONGKAI_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("GONGKAI_EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = env_str("GONGKAI_EMAIL_FROM", "noreply@localhost")
EMAIL_FILE_PATH = str(env_path("GONGKAI_MAIL_DIR", str(DATA_DIR / "mail")))
EMAIL_BACKEND = env_str(
    "GONGKAI_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.filebased.EmailBackend",
)

# Work outside the request (docs/scale.md): django-tasks with its database backend, so any node with the database can
# enqueue and any node can run `gongkai manage jobs_worker`. Each run is a row in django_tasks_database_dbtaskresult.
TASKS = {
    "default": (
        {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
        if env_str("GONGKAI_TASKS", "database") == "immediate"
        else {"BACKEND": "django_tasks_db.DatabaseBackend"}
    )
}
# Daily jobs the workers enqueue (exactly once a day over all nodes): local time they fall due.
GONGKAI_REMIND_AT = env_str("GONGKAI_REMIND_AT", "08:00")
if not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", GONGKAI_REMIND_AT):
    raise ImproperlyConfigured(f"环境变量 GONGKAI_REMIND_AT 应为 HH:MM，实际为 {GONGKAI_REMIND_AT!r}")
GONGKAI_REMIND_DAYS = env_int("GONGKAI_REMIND_DAYS", 3, minimum=1)
# /healthz reports the queue unhealthy when a ready task has waited longer than this (no worker running anywhere).
GONGKAI_HEALTH_QUEUE_MINUTES = env_int("GONGKAI_HEALTH_QUEUE_MINUTES", 15, minimum=1)

# Logs: one JSON object a line on standard error (journald keeps them), each with the request id of the request that
# wrote it; GONGKAI_LOG_FORMAT=text for plain lines. The privacy filter masks identity numbers and phone numbers.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "gongkai.site.logs.RequestIdFilter"},
        "privacy": {"()": "gongkai.applications.privacy.PersonalDataFilter"},
    },
    "formatters": {
        "json": {"()": "gongkai.site.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(request_id)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "privacy"],
            "formatter": "json" if env_str("GONGKAI_LOG_FORMAT", "json") == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("GONGKAI_LOG_LEVEL", "WARNING")},
}
