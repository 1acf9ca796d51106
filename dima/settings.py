"""Dima's settings, read from the environment (and an untracked `.env` file) in one place."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ

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

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ckeditor",
    "articles",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
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

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dima"},
}


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
            ["Table", "HorizontalRule"],
            ["Undo", "Redo"],
            ["Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        "removePlugins": "exportpdf",
    },
}

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
# Akismet is asked about each comment only when a key is configured.
AKISMET_API_KEY = env.str("AKISMET_API_KEY", default="")
AKISMET_SITE_URL = env.str("AKISMET_SITE_URL", default="http://127.0.0.1:8000/")
AKISMET_CLIENT = "akismet.SyncClient"
