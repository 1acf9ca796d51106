"""Settings for the test suite: fast hashing, in-memory cache, plain static storage."""

import os
import tempfile

# Production settings refuse to start without a key; the suite has its own.
os.environ.setdefault("SECRET_KEY", "dima-tests-only")
# The test client speaks plain HTTP; tests of the HTTPS settings turn them on themselves.
os.environ.setdefault("HTTPS", "0")
# Tests inspect each response's context: the page cache is on only in the tests about it.
os.environ.setdefault("PAGE_CACHE", "0")
# Analytics configured, so that tests can see it is loaded only after consent.
os.environ.setdefault("MATOMO_URL", "https://stats.dima.test/")

from dima.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not REDIS_URL:  # noqa: F405 (with REDIS_URL the suite runs on the real Redis cache)
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "submissions.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="dima-test-private-")},
    },
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="dima-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="dima-test-static-")
# Tasks run inside the request that queues them (on commit); tests of the worker start one.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests of other features sign staff in with force_login, which has no second factor: the
# door's own tests (tests/staff/, the browser test) turn the requirement back on.
STAFF_SECOND_FACTOR_ENFORCED = False
# Tests post forms at once; the "too fast" rule has tests of its own.
COMMENTS_MIN_SECONDS = 0
SUBMISSIONS_MIN_SECONDS = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: the concurrency tests write from several threads at once.
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.mkdtemp(), "test.sqlite3")}  # noqa: F405
