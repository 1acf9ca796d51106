import secrets

import pytest
import redis as redis_py

from dima.cache import redis_cache
from readership import counting

REDIS_TEST_URL = "redis://127.0.0.1:6379/11"
BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


@pytest.fixture(autouse=True)
def nothing_pending():
    """No view counted by one test waits in this process's batch for another."""
    counting._database.discard()
    yield
    counting._database.discard()


@pytest.fixture
def database_counting(settings):
    """Views in the database, each written at once (a batch of one)."""
    settings.READERSHIP_BACKEND = "database"
    settings.READERSHIP_FLUSH_VIEWS = 1
    return settings


@pytest.fixture
def redis_counting(settings):
    """Views in the real Redis (database 11), under prefixes of this test alone, removed after.
    Yields a plain client of that database."""
    token = secrets.token_hex(4)
    caches = redis_cache(REDIS_TEST_URL)
    caches["default"]["KEY_PREFIX"] = f"dima-test-{token}"
    settings.CACHES = caches
    settings.READERSHIP_BACKEND = "redis"
    settings.READERSHIP_REDIS_PREFIX = f"dima-test-{token}:views"
    client = redis_py.Redis.from_url(REDIS_TEST_URL)
    yield client
    for key in client.scan_iter(match=f"dima-test-{token}*"):
        client.delete(key)


@pytest.fixture(params=["database", "redis"])
def any_counting(request):
    """Each test runs on both backends: the Redis client, or None for the database."""
    counting = request.getfixturevalue(f"{request.param}_counting")
    return counting if request.param == "redis" else None
