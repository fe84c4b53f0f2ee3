"""Settings for the Roma Child Protection Hub.

One module. Everything that differs between a laptop, CI and production is read from the
environment (see `.env.example`). Defaults are safe and work on a laptop with nothing installed:
SQLite under `var/`, local-memory cache. `DJANGO_ENV=production` switches on the production
hardening and refuses to start without the secrets it needs.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from romahub.core.media_storage import upload_storages

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name, "").strip()
    if not value:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV={DJANGO_ENV!r} is not known: use development, test or production."
    )
PRODUCTION = DJANGO_ENV == "production"
TESTING = DJANGO_ENV == "test"

# --- Secrets and hosts --------------------------------------------------------------------
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if PRODUCTION:
    missing = [
        name
        for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS))
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            "The hub will not start in production without "
            + " and ".join(missing)
            + ". Set them in the environment (see .env.example and README 'Running in production')."
        )
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY is too short for production: use at least 50 random characters, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(64))'."
        )
else:
    # A fixed key is fine on a laptop and in tests; production refuses to start without one.
    SECRET_KEY = SECRET_KEY or "development-only-key-never-used-in-production-0123456789abcdef"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]

DEBUG = env_bool("DEBUG", default=DJANGO_ENV == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

# --- Applications -------------------------------------------------------------------------
INSTALLED_APPS = [
    "romahub.core",
    "romahub.pages",
    "romahub.conference",
    "romahub.places",
    "romahub.directory",
    "romahub.mishto",
    "romahub.resources",
    "romahub.advocacy",
    "romahub.site",  # the wiring, above every app (docs/architecture.md)
    "django_tasks",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, which serves static files precompressed; above the page cache, whose hits
    # come already compressed. Django's masks CSRF tokens and pads its gzip output (BREACH).
    "django.middleware.gzip.GZipMiddleware",
    "romahub.core.middleware.CSPMiddleware",  # django-csp's, each policy built once
    "romahub.core.middleware.SecurityHeadersMiddleware",
    "romahub.core.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "romahub.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "romahub.core.two_factor.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a lockout answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "romahub.urls"
WSGI_APPLICATION = "romahub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "romahub.core.context_processors.hub",
                "romahub.pages.navigation.navigation",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers (gunicorn workers) carry on while an editor publishes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL and not TESTING:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "romahub"),
            "TIMEOUT": 60 * 60 * 24,
        }
    }
elif REDIS_URL and TESTING:
    # The PostgreSQL + Redis CI run: a prefix of its own so runs never read each other's pages.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"romahub-test-{os.getpid()}",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Rate limits are counted where every server process sees the same count (romahub.core.ratelimit):
# Redis when there is one, the database otherwise.
RATE_LIMIT_STORE = "redis" if REDIS_URL else "database"
RATE_LIMIT_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "romahub") + (f"-test-{os.getpid()}" if TESTING else "")

# Seconds an anonymous page may be served from the page cache; publishing clears it at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60 * 24)
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)

# --- Directory: place lookup and map tiles -------------------------------------------------
# "offline" answers only for places the directory knows and never leaves the server;
# "postcodes.io" asks the public postcodes.io service (cached, with a timeout).
DIRECTORY_GEOCODER = env_str("DIRECTORY_GEOCODER", "offline")
POSTCODES_IO_URL = env_str("POSTCODES_IO_URL", "https://api.postcodes.io")
GEOCODER_TIMEOUT_SECONDS = env_int("GEOCODER_TIMEOUT_SECONDS", 3)
# Map tiles come from another host, so they are off unless a URL is set (never in tests).
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png" if PRODUCTION else "")
# Public "suggest a service" and "report a change" forms: this many per address per window.
SUGGESTION_RATE_LIMIT = env_int("SUGGESTION_RATE_LIMIT", 5)
SUGGESTION_RATE_WINDOW_SECONDS = env_int("SUGGESTION_RATE_WINDOW_SECONDS", 3600)
# The Mishto scheme's public "ask to join" and password reset forms, per address.
MISHTO_JOIN_RATE_LIMIT = env_int("MISHTO_JOIN_RATE_LIMIT", 5)
MISHTO_JOIN_RATE_WINDOW_SECONDS = env_int("MISHTO_JOIN_RATE_WINDOW_SECONDS", 3600)
MISHTO_JOIN_RETENTION_DAYS = env_int("MISHTO_JOIN_RETENTION_DAYS", 180)
PASSWORD_RESET_RATE_LIMIT = env_int("PASSWORD_RESET_RATE_LIMIT", 5)
# Help requests (romahub/advocacy): the form's limit per address, when staff are reminded and a
# request may move on (in working days unopened), and when requests are deleted (purge_help_requests).
HELP_REQUEST_RATE_LIMIT = env_int("HELP_REQUEST_RATE_LIMIT", 3)
HELP_REQUEST_RATE_WINDOW_SECONDS = env_int("HELP_REQUEST_RATE_WINDOW_SECONDS", 3600)
HELP_REQUEST_REMIND_WORKING_DAYS = env_int("HELP_REQUEST_REMIND_WORKING_DAYS", 2)
HELP_REQUEST_PASS_ON_WORKING_DAYS = env_int("HELP_REQUEST_PASS_ON_WORKING_DAYS", 5)
HELP_REQUEST_CLOSED_DAYS = env_int("HELP_REQUEST_CLOSED_DAYS", 30)
HELP_REQUEST_UNOPENED_DAYS = env_int("HELP_REQUEST_UNOPENED_DAYS", 90)
# Decided suggestions are deleted this many days after the decision (purge_suggestions).
SUGGESTION_RETENTION_DAYS = env_int("SUGGESTION_RETENTION_DAYS", 90)
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")
if TESTING:
    DIRECTORY_GEOCODER, MAP_TILE_URL = "offline", ""

# --- Passwords, logins, lockout -----------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Lock a username after repeated failures, whether or not the account exists, so the answer
# never tells an attacker which usernames are real.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
LOGIN_URL = "wagtailadmin_login"
OTP_TOTP_ISSUER = "Roma Child Protection Hub"
TWO_FACTOR_LINK_SECONDS = 60 * 60  # an e-mailed or printed authenticator set-up link works this long, once
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)  # reverse proxies in front of the hub (nginx: 1)
# The lockout counts failures per address as the rate limits and the security log see it.
AXES_CLIENT_IP_CALLABLE = "romahub.core.client.client_address"
AXES_USERNAME_CALLABLE = "romahub.core.client.login_username"

SESSION_COOKIE_AGE = 60 * 60 * 12  # staff sessions end after 12 hours at most
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

# --- Languages ----------------------------------------------------------------------------
# Adding a language: add it here and to WAGTAIL_CONTENT_LANGUAGES, create locale/<code>/,
# translate the .po file, and add the locale in the admin (Settings → Locales).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("sk", "Slovenčina"),
    ("ro", "Română"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/London"
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static files and uploads -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or VAR_DIR / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
# Councils' Mishto evidence: outside MEDIA_ROOT, never served directly; only through a view that checks access.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT") or VAR_DIR / "private")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# DOCX and ODT are zip archives: what their entries say they unpack to, all together, and how many
# entries there may be. A real 10 MB document unpacks to far less; a zip bomb to gigabytes.
EVIDENCE_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
EVIDENCE_MAX_ARCHIVE_ENTRIES = 5000
# Uploads: folders every app server sees (MEDIA_ROOT, PRIVATE_MEDIA_ROOT), or with MEDIA_STORAGE=s3
# S3-compatible buckets, a public one and a private one (romahub/core/media_storage.py, docs/deploy.md).
STORAGES = {
    **upload_storages(os.environ, base_url=env_str("BASE_URL", "http://127.0.0.1:8000")),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if PRODUCTION else 0
WHITENOISE_USE_FINDERS = not PRODUCTION  # serve app static files without collectstatic outside production
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Wagtail ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Roma Child Protection Hub"
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "mp3", "m4a", "ogg", "oga", "opus", "wav"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must not call out to wagtail.org
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars fetched from gravatar.com
WAGTAILEMBEDS_FINDERS = []  # no embeds from other hosts
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_MODERATION_ENABLED = True

# Where "Exit this page" sends a reader at once: a neutral site, opened in place.
EXIT_PAGE_URL = env_str("EXIT_PAGE_URL", "https://www.bbc.co.uk/weather")

# --- Security headers ---------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(self), geolocation=(self), gyroscope=(), magnetometer=(), microphone=(), "
    "midi=(), payment=(), usb=(), interest-cohort=()"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}
# Wagtail's admin cannot yet run under the strict policy (wagtail/wagtail#1288). These are
# the narrowest additions it needs, applied to /admin/ (and the page previews it frames) only.
ADMIN_CSP_REPLACE = {
    "script-src": [SELF, "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "worker-src": [SELF, "blob:"],
}
ADMIN_PATH_PREFIX = "/admin/"
# Which paths and users need a second factor (romahub/core/two_factor.py enforces it).
SECOND_FACTOR_POLICY = "romahub.site.second_factor"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- Background tasks (e-mails) ----------------------------------------------------------------
# Production queues work in the database and `manage.py db_worker` runs it; elsewhere it runs at once.
TASK_BACKEND = env_str("TASK_BACKEND", "database" if PRODUCTION else "immediate")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend" if TASK_BACKEND == "database" else "django_tasks.backends.immediate.ImmediateBackend",
    }
}

# After a change, re-render the pages it touched in the background and serve the old copies until
# the new ones are there (romahub.core.page_cache); only where a worker runs the tasks.
PAGE_REFRESH_IN_BACKGROUND = env_bool("PAGE_REFRESH_IN_BACKGROUND", default=TASK_BACKEND == "database")

# --- E-mail -------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
# Only for the file backend (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend), as the
# browser tests use it to open the links that e-mails carry.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "hub@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Logging ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request bodies never reach the logs; 4xx lines name the path only.
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
