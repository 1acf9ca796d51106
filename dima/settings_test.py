"""Settings for the test suite: fast hashing, in-memory cache, plain static storage."""

import os
import tempfile

# Production settings refuse to start without a key; the suite has its own.
os.environ.setdefault("SECRET_KEY", "dima-tests-only")

from dima.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="dima-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="dima-test-static-")
