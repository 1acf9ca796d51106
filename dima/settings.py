"""Dima's settings, read from the environment (and an untracked `.env` file) in one place."""

import base64
import hashlib
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

import environ

from dima.cache import breaker, redis_cache

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# `make run` writes a generated SECRET_KEY into .env once; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-dima-development-only")
else:
    # No default outside DEBUG: a production site must never run on a known key.
    SECRET_KEY = env.str("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Dima runs behind a proxy (nginx, a load balancer) that terminates TLS, sets
# X-Forwarded-Proto and overwrites any value a client sent.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS is sent on every HTTPS response (never on plain HTTP, where browsers ignore it).
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Served only over HTTPS: on by default outside DEBUG. `make run` and `make serve` turn it
# off because they answer on plain http://127.0.0.1.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# The health check answers load balancers over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms carry the token
# django_language, set by the language switch: no script reads it either.
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ckeditor",
    "axes",
    "cookie_consent",
    "reversion",  # articles' revisions (articles/history.py)
    "django_tasks",
    # the embedded task queue (django-tasks-db, named in the admin's languages): `manage.py
    # db_worker` runs it
    "outbox.apps.TaskQueueConfig",
    "edge",
    "languages",
    "pagecache",
    "redirects",
    "outbox",
    "articles",
    "pages",
    "comments",
    "submissions",  # «صوتكم»: readers' stories and photos (issue 15)
    "search",
    "consent",
    "demo",
    "wordpress",
    "newsroom",  # the admin's front page (issue 14)
    "readership",  # «الأكثر قراءة»: views counted without cookies, the most read (issue 18)
    "breaking",  # «عاجل»: the breaking-news strip on every page (issue 18)
    "live",  # «مباشر»: live coverage, short timestamped entries on an article (issue 18)
    # The newsroom's door: a second factor (TOTP, passkeys, backup codes), sessions, resets.
    "django_otp",
    "django_otp.plugins.otp_static",  # backup codes
    "django_otp.plugins.otp_totp",
    "two_factor",
    "two_factor.plugins.webauthn",  # passkeys and security keys
    "staff",
]

MIDDLEWARE = [
    "edge.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "edge.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "edge.middleware.RejectNullCharactersMiddleware",
    # Outside the page cache: what differs between readers (see pagecache/middleware.py).
    "consent.middleware.CookieConsentMiddleware",
    "redirects.middleware.RedirectFallbackMiddleware",
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # user.is_verified(): signed in with a second factor
    "staff.middleware.SecondFactorMiddleware",
    "staff.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "edge.middleware.DatabaseUnavailableMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "dima.urls"
WSGI_APPLICATION = "dima.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.navigation",
                "consent.context_processors.consent",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections, checked before reuse: after a database restart each worker
    # reconnects instead of answering its next request with a 500.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=300)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (two readers commenting at once) wait for each other instead of
    # failing with "database is locked"; WAL lets pages be read while a comment is written.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ar"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("fr", _("French")),
    ("en", _("English")),
]
# Project translations come first so that they can override Django's own, e.g. the
# Moroccan month names (ماي، يوليوز، غشت…) instead of the Mashriqi ones Django ships.
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["dima.formats"]
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files that must live at the site root (favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "public"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Local runs serve uploads through Django; production puts them behind a web server or S3.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Where browsers fetch media from, when not from this site (added to the CSP's img-src).
MEDIA_ORIGINS: list[str] = []
if env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    # Media in an S3-compatible object store (pip install 'dima[s3]'; docs/deploy.md): AWS S3,
    # Cloudflare R2, MinIO, Ceph's radosgw. Every app server and the worker read and write the
    # same bucket through django-storages, so an image uploaded through one app server is
    # served to readers whichever server renders their page. The AWS_* variables:
    #   AWS_STORAGE_BUCKET_NAME  the bucket (created once by the operator, readable by all)
    #   AWS_S3_ENDPOINT_URL      the store's API, for anything but AWS (R2, MinIO, Ceph)
    #   AWS_S3_REGION_NAME       the bucket's region ("auto" on R2)
    #   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY   read by boto3 from the environment
    #   AWS_S3_CUSTOM_DOMAIN     the CDN host or public bucket domain that serves the media
    # Media addresses carry no signature (querystring_auth off): they sit in pages that nginx
    # and CDNs keep for minutes and readers for longer, and a signed address would expire
    # inside them; what is uploaded is published, so the bucket is public-read. Names never
    # change content (file_overwrite off, renditions named by size), so caches keep them.
    _endpoint = env.str("AWS_S3_ENDPOINT_URL", default=None)
    _custom_domain = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    _bucket = env.str("AWS_STORAGE_BUCKET_NAME")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            "endpoint_url": _endpoint,
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "custom_domain": _custom_domain,
            "file_overwrite": False,
            "querystring_auth": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    SERVE_MEDIA = False
    if _custom_domain:
        MEDIA_ORIGINS = [f"https://{_custom_domain}"]
    elif _endpoint:
        MEDIA_ORIGINS = ["/".join(_endpoint.split("/")[:3])]
    else:  # AWS itself: the bucket's host, with or without its region
        MEDIA_ORIGINS = [f"https://{_bucket}.s3.amazonaws.com"]
        if _region := env.str("AWS_S3_REGION_NAME", default=""):
            MEDIA_ORIGINS.append(f"https://{_bucket}.s3.{_region}.amazonaws.com")

# Readers' photos waiting for an editor (submissions.storage): never under MEDIA_ROOT, no
# address. On S3, AWS_PRIVATE_STORAGE_BUCKET_NAME names a bucket of their own, kept private
# (not the public-read media bucket); without it they stay on the app servers' shared disk.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
STORAGES["private"] = {
    "BACKEND": "submissions.storage.PrivateFileSystemStorage",
    "OPTIONS": {
        "location": PRIVATE_MEDIA_ROOT,
        "directory_permissions_mode": 0o700,
        "file_permissions_mode": 0o600,
    },
}
if env.str("AWS_PRIVATE_STORAGE_BUCKET_NAME", default=""):
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_PRIVATE_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "file_overwrite": False,
            "default_acl": "private",
        },
    }

# Images: content checked by Pillow, within these limits (decompression bombs stop here).
MAX_IMAGE_UPLOAD_BYTES = env.int("MAX_IMAGE_UPLOAD_BYTES", default=10 * 1024 * 1024)
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=40_000_000)

# Revisions kept per article, like WordPress's WP_POST_REVISIONS: 0 keeps them all; a cap keeps
# the first revision and the newest ones (articles.history.article_revisions_prune).
ARTICLE_REVISIONS_MAX = env.int("ARTICLE_REVISIONS_MAX", default=0)

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = redis_cache(REDIS_URL)
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # After a timeout or a refused connection, each process skips Redis (cache misses) this
    # long, then tries it again: a frozen Redis costs one request per process at most 0.25 s
    # in each such period (dima/cache.py).
    breaker.reset_timeout = env.float("CACHE_BREAKER_SECONDS", default=5)
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dima",
        }
    }
# Sessions stay in the database: a Redis outage must not log editors out or break logins.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# One-time notices travel in a cookie, so a page showing one never touches the session, and
# the page cache knows from that cookie that the page is this reader's own.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"


SILENCED_SYSTEM_CHECKS = [
    # django-ckeditor ships CKEditor 4, past its end of life. Mitigated: the editor is only
    # reachable by staff, no upload view is routed, and every body is sanitised on save by
    # an allow-list (articles/sanitize.py) before a reader sees it.
    # tests/articles/test_sanitize.py proves the check still fires when un-silenced.
    "ckeditor.W001",
    # HSTS preloading is a commitment for a whole domain and its subdomains, made by the
    # newsroom at hstspreload.org; the header asks for it only with SECURE_HSTS_PRELOAD=1.
    "security.W021",
]

# Rich text: right-to-left Arabic content and an Arabic editor UI, with a newsroom toolbar.
CKEDITOR_CONFIGS = {
    "default": {
        "language": "ar",
        "contentsLangDirection": "rtl",
        "height": 420,
        "width": "100%",
        "toolbar": "Newsroom",
        "toolbar_Newsroom": [
            ["Format"],
            ["Bold", "Italic", "RemoveFormat"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["Undo", "Redo"],
            ["Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        # image2: images with captions (<figure>); uploadimage: drop or paste into the text.
        "extraPlugins": "image2,uploadimage",
        "removePlugins": "exportpdf,image",
        "uploadUrl": reverse_lazy("articles:editor-upload"),
        "filebrowserImageUploadUrl": reverse_lazy("articles:editor-upload"),
        "filebrowserUploadMethod": "xhr",
        "image2_alignClasses": ["image-start", "image-center", "image-end"],
        "image2_captionedClass": "image-captioned",
    },
}

# The one inline script (static/js/consent-head.js), read once: consent's context processor
# inlines this very text, and the Content-Security-Policy allows it by its hash.
CONSENT_HEAD_SCRIPT = (BASE_DIR / "static" / "js" / "consent-head.js").read_text(encoding="utf-8")
_head_script_sha256 = base64.b64encode(hashlib.sha256(CONSENT_HEAD_SCRIPT.encode()).digest())

# Content-Security-Policy: no inline script but the head script; the admin's rich-text editor
# gets the few extra sources it needs (see edge/middleware.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", f"'sha256-{_head_script_sha256.decode()}'"],
        "style-src": ["'self'", "'unsafe-inline'"],  # the error page and CKEditor use styles
        "img-src": ["'self'", "data:"] + MEDIA_ORIGINS + env.list("CSP_IMG_SRC", default=[]),
        "font-src": ["'self'"],
        "connect-src": ["'self'"],  # analytics origins are added below
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# Cookie consent (django-cookie-consent, with Dima's banner, receipts and guard: consent/).
COOKIE_CONSENT_MAX_AGE = env.int("COOKIE_CONSENT_DAYS", default=182) * 24 * 3600  # 6 months
COOKIE_CONSENT_SECURE = HTTPS
# The page's inline head script reads whether a choice was made (it holds no secret).
COOKIE_CONSENT_HTTPONLY = False
COOKIE_CONSENT_SAMESITE = "Lax"
# Its LogItem counts clicks; Dima keeps consent receipts instead (consent.ConsentReceipt).
COOKIE_CONSENT_LOG_ENABLED = False
CONSENT_RECEIPT_DAYS = env.int("CONSENT_RECEIPT_DAYS", default=3 * 365)
CSRF_FAILURE_VIEW = "edge.csrf.csrf_failure"

# Analytics: Matomo, loaded in the reader's browser only after they allow analytics cookies.
MATOMO_URL = env.str("MATOMO_URL", default="")  # e.g. https://stats.example.ma/
MATOMO_SITE_ID = env.str("MATOMO_SITE_ID", default="1")
if MATOMO_URL:
    _matomo_origin = "/".join(MATOMO_URL.split("/")[:3])
    for _directive in ("script-src", "connect-src", "img-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive].append(_matomo_origin)

# Whole pages for anonymous readers (pagecache/middleware.py): kept in Django's cache for
# PAGE_CACHE_SECONDS and emptied on any change; shared caches (nginx, a CDN) may keep them
# PAGE_CACHE_SHARED_SECONDS, then serve a stale copy while they fetch a new one.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
PAGE_CACHE_SHARED_SECONDS = env.int("PAGE_CACHE_SHARED_SECONDS", default=10)
PAGE_CACHE_SHARED_STALE_SECONDS = env.int("PAGE_CACHE_SHARED_STALE_SECONDS", default=30)
# What apps add to an article's schema.org data (articles/templatetags/article_meta.py), and
# the one-to-one rows of apps above articles its page shows, joined in its query.
ARTICLE_STRUCTURED_DATA = ["live.templatetags.live.as_live_blog"]
ARTICLE_PAGE_JOINS = ["live_coverage"]

# Pages change by themselves when a scheduled article goes public and when breaking news
# starts or ends: no page is kept past the soonest moment these callables name.
PAGE_CACHE_NEXT_CHANGE = [
    "articles.models.next_publication_time",
    "breaking.services.next_breaking_change",
]
# The only query parameters a shared page is rendered from and cached under (lists' paging,
# search and its filters, comments' paging and reply form, sitemaps' pages); any other one
# (utm_*, fbclid...) is dropped before the view runs, so it can neither fill the cache nor
# show in the page.
PAGE_CACHE_QUERY_KEYS = frozenset(
    ("page", "before", "q", "section", "from", "to", "comments-page", "replytocom", "p")
)
PAGE_CACHE_SKIP_PREFIXES = ("/admin/", "/cookies/", "/fr/cookies/", "/en/cookies/", "/healthz")

# Search's "did you mean": the words of the index found in the most articles, read from the
# index at most once per SEARCH_VOCABULARY_SECONDS and kept by each process (search/suggest.py).
SEARCH_VOCABULARY_SIZE = env.int("SEARCH_VOCABULARY_SIZE", default=20000)
SEARCH_VOCABULARY_SECONDS = env.int("SEARCH_VOCABULARY_SECONDS", default=3600)

# Live coverage (live/): a live article's page asks for its entries every LIVE_POLL_SECONDS;
# browsers and shared caches keep the answer LIVE_JSON_MAX_AGE seconds. The answer is kept in
# Django's cache by live/ itself (live/feed.py, versioned like pages), not by the page cache,
# which would tell browsers max-age=0 and skip editors.
LIVE_POLL_SECONDS = env.int("LIVE_POLL_SECONDS", default=20)
LIVE_JSON_MAX_AGE = env.int("LIVE_JSON_MAX_AGE", default=15)
PAGE_CACHE_SKIP_PREFIXES += ("/live/", "/fr/live/", "/en/live/")

# Breaking news (breaking/): an item ends at most BREAKING_MAX_HOURS from now; the strip at
# the top of every page lists the BREAKING_SHOWN newest items running.
BREAKING_MAX_HOURS = env.int("BREAKING_MAX_HOURS", default=48)
BREAKING_SHOWN = env.int("BREAKING_SHOWN", default=3)

# Admin login: five failures for one username from one address lock it for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "edge.client_ip.client_ip"
# The admin's door (staff/): a second factor is required of editors (the محرر group) and
# superusers, optional for writers; STAFF_SECOND_FACTOR_FOR_ALL=1 requires it of all staff.
# A staff member who must have one and has none is sent to enrolment and nowhere else.
STAFF_SECOND_FACTOR_FOR_ALL = env.bool("STAFF_SECOND_FACTOR_FOR_ALL", default=False)
STAFF_SECOND_FACTOR_GROUPS = ["محرر"]
# Only the test settings turn it off, for the tests of other features that sign staff in with
# force_login; the tests of the door (tests/staff/) turn it back on.
STAFF_SECOND_FACTOR_ENFORCED = True
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
LOGOUT_REDIRECT_URL = "admin:login"
OTP_TOTP_ISSUER = "ديما مسموع"
TWO_FACTOR_WEBAUTHN_RP_NAME = "ديما مسموع"
# Passkeys are bound to this domain (e.g. dima.ma); unset, the host of the request is used.
TWO_FACTOR_WEBAUTHN_RP_ID = env.str("WEBAUTHN_RP_ID", default=None)
# A password reset link works for an hour; at most STAFF_RESET_PER_HOUR requests an hour are
# taken from one address, and as many for one email address (the answer is the same anyway).
PASSWORD_RESET_TIMEOUT = 3600
STAFF_RESET_PER_HOUR = env.int("STAFF_RESET_PER_HOUR", default=5)
# A staff session's "last active" time is written at most this often.
STAFF_SESSION_SEEN_SECONDS = 300

# How many proxies in front of Dima append to X-Forwarded-For (nginx: 1; CDN + nginx: 2).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

DIMA_SITE_NAME = "ديما مسموع"

# Email: printed on the console unless an SMTP server is configured (EMAIL_URL=smtp://…).
vars().update(env.email("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ديما مسموع <no-reply@localhost>")
# Seconds an SMTP connection may hang; email is sent by the task worker, never in a request.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=15)

# Background tasks (Django's tasks framework, through its backport django-tasks): the
# database queue by default, so `make run` needs nothing new. TASKS_BACKEND=rq puts the queue
# in Redis instead (django-tasks-rq), on RQ_URL, by default the cache's Redis. Either way
# `manage.py task_worker` runs the worker (docs/tasks.md).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
if TASKS_BACKEND not in ("database", "rq"):
    raise ImproperlyConfigured(f"TASKS_BACKEND is 'database' or 'rq', not {TASKS_BACKEND!r}")
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.insert(INSTALLED_APPS.index("outbox.apps.TaskQueueConfig"), "django_rq")
    RQ_QUEUES = {"default": {"URL": env.str("RQ_URL", default=REDIS_URL)}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A failed task is tried again after 1, 2, 4, 8… minutes (outbox/retry.py), at most
# TASKS_MAX_ATTEMPTS times in all; the failures stay listed in admin.
TASKS_MAX_ATTEMPTS = env.int("TASKS_MAX_ATTEMPTS", default=5)
TASKS_RETRY_SECONDS = env.float("TASKS_RETRY_SECONDS", default=60)
TASKS_RETRY_MAX_SECONDS = env.float("TASKS_RETRY_MAX_SECONDS", default=3600)
# What runs by itself: each task on its cron line (minute hour day month weekday, TIME_ZONE),
# queued by `manage.py run_scheduler`, which `make run` and `make serve` start beside the
# worker. TASKS_SCHEDULE_EVERY_SECONDS=n runs them all every n seconds instead (tests, demos).
TASKS_SCHEDULE = {
    "comments.tasks.prune_comment_ips": env.str("SCHEDULE_PRUNE_COMMENT_IPS", default="17 3 * * *"),
    "consent.tasks.prune_consent_receipts": env.str(
        "SCHEDULE_PRUNE_CONSENT_RECEIPTS", default="27 3 * * *"
    ),
    "staff.tasks.clear_expired_sessions": env.str(
        "SCHEDULE_CLEAR_EXPIRED_SESSIONS", default="37 3 * * *"
    ),
    "outbox.tasks.prune_task_results": env.str("SCHEDULE_PRUNE_TASK_RESULTS", default="47 3 * * *"),
    "submissions.tasks.apply_retention": env.str(
        "SCHEDULE_SUBMISSIONS_RETENTION", default="57 3 * * *"
    ),
    # A scheduled article that was a reader's story: its contributor hears when it goes out.
    "submissions.tasks.mark_published": env.str(
        "SCHEDULE_SUBMISSIONS_PUBLISHED", default="*/5 * * * *"
    ),
}
# Days a finished task's record (its arguments and any error) is kept for staff to look at.
TASKS_RESULT_DAYS = env.int("TASKS_RESULT_DAYS", default=14)
TASKS_SCHEDULE_EVERY_SECONDS = env.float("TASKS_SCHEDULE_EVERY_SECONDS", default=0)

# Comments ("اترك رد").
COMMENTS_MAX_DEPTH = env.int("COMMENTS_MAX_DEPTH", default=3)
COMMENTS_PER_PAGE = env.int("COMMENTS_PER_PAGE", default=20)  # top-level threads a page
COMMENTS_AUTO_APPROVE_KNOWN = env.bool("COMMENTS_AUTO_APPROVE_KNOWN", default=True)
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=0)  # 0: never
COMMENTS_IP_RETENTION_DAYS = env.int("COMMENTS_IP_RETENTION_DAYS", default=30)
COMMENTS_FLOOD_SECONDS = env.int("COMMENTS_FLOOD_SECONDS", default=15)
COMMENTS_MIN_SECONDS = env.int("COMMENTS_MIN_SECONDS", default=3)
COMMENTS_MAX_FORM_AGE = env.int("COMMENTS_MAX_FORM_AGE", default=2 * 24 * 3600)
COMMENTS_LINKS_TO_HOLD = env.int("COMMENTS_LINKS_TO_HOLD", default=2)
COMMENTS_REMEMBER_DAYS = env.int("COMMENTS_REMEMBER_DAYS", default=365)
# Readers' reports: a comment reported by this many readers goes back to moderation by
# itself; an address may send this many reports an hour.
COMMENTS_REPORTS_TO_MODERATION = env.int("COMMENTS_REPORTS_TO_MODERATION", default=3)
COMMENTS_REPORTS_PER_HOUR = env.int("COMMENTS_REPORTS_PER_HOUR", default=10)
# Akismet is asked about each comment only when a key is configured.
AKISMET_API_KEY = env.str("AKISMET_API_KEY", default="")
AKISMET_SITE_URL = env.str("AKISMET_SITE_URL", default="http://127.0.0.1:8000/")
AKISMET_CLIENT = "akismet.SyncClient"

# «صوتكم»: readers' stories (submissions). The comment defences apply, with these limits.
SUBMISSIONS_MAX_PHOTOS = env.int("SUBMISSIONS_MAX_PHOTOS", default=5)
SUBMISSIONS_PHOTO_BYTES = env.int("SUBMISSIONS_PHOTO_BYTES", default=10 * 1024 * 1024)
SUBMISSIONS_FLOOD_SECONDS = env.int("SUBMISSIONS_FLOOD_SECONDS", default=120)
SUBMISSIONS_MIN_SECONDS = env.int("SUBMISSIONS_MIN_SECONDS", default=5)
SUBMISSIONS_LINKS_TO_REFUSE = env.int("SUBMISSIONS_LINKS_TO_REFUSE", default=4)
# Retention (privacy notice; run daily by the scheduler): a declined story and its photos are
# deleted after DECLINED_DAYS; after publication the contributor's email and phone are erased
# after CONTACT_DAYS, the byline's name kept.
SUBMISSIONS_DECLINED_DAYS = env.int("SUBMISSIONS_DECLINED_DAYS", default=30)
SUBMISSIONS_CONTACT_DAYS = env.int("SUBMISSIONS_CONTACT_DAYS", default=90)
# The section a story's draft goes into, created when first needed, and its byline's label.
SUBMISSIONS_SECTION = env.str("SUBMISSIONS_SECTION", default="صوتكم")
SUBMISSIONS_BYLINE_LABEL = env.str("SUBMISSIONS_BYLINE_LABEL", default="صوتكم")

# Edit locks (articles.locks): a lock whose page sent no heartbeat for this long is free again.
# The editor's page beats every EDIT_LOCK_HEARTBEAT_SECONDS: a lock lives a little over two beats.
EDIT_LOCK_SECONDS = env.int("EDIT_LOCK_SECONDS", default=150)
EDIT_LOCK_HEARTBEAT_SECONDS = env.int("EDIT_LOCK_HEARTBEAT_SECONDS", default=60)

# «الأكثر قراءة» (readership/): the READERSHIP_TOP articles most read in the last
# READERSHIP_HOURS hours, worked out at most every READERSHIP_TOP_SECONDS. Views are counted in
# Redis's hourly sorted sets when the cache is Redis (copied to the database every 5 minutes
# for the admin's totals), else in the database, each app process writing its views in one
# batch every READERSHIP_FLUSH_SECONDS or READERSHIP_FLUSH_VIEWS views.
READERSHIP_BACKEND = env.str("READERSHIP_BACKEND", default="redis" if REDIS_URL else "database")
if READERSHIP_BACKEND not in ("database", "redis"):
    raise ImproperlyConfigured(
        f"READERSHIP_BACKEND is 'database' or 'redis', not {READERSHIP_BACKEND!r}"
    )
READERSHIP_TOP = env.int("READERSHIP_TOP", default=5)
READERSHIP_HOURS = env.int("READERSHIP_HOURS", default=24)
READERSHIP_TOP_SECONDS = env.int("READERSHIP_TOP_SECONDS", default=60)
READERSHIP_PUBLIC_SECONDS = 300  # how long "article N is public" is remembered for the beacon
READERSHIP_FLUSH_SECONDS = env.int("READERSHIP_FLUSH_SECONDS", default=10)
READERSHIP_FLUSH_VIEWS = env.int("READERSHIP_FLUSH_VIEWS", default=200)
READERSHIP_REDIS_PREFIX = "dima:views"
READERSHIP_REDIS_KEEP_SECONDS = 25 * 3600
if READERSHIP_BACKEND == "redis":
    TASKS_SCHEDULE["readership.tasks.persist_views"] = env.str(
        "SCHEDULE_READERSHIP_PERSIST", default="*/5 * * * *"
    )
