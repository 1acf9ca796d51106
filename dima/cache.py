"""Dima's cache in Redis, and what a Redis that stops answering costs a request.

A Redis that is down refuses connections at once; one that is frozen (stopped with SIGSTOP,
swapping, a full network buffer) accepts them and never answers, so every cache call waits
for its socket timeout. A page makes a dozen cache calls (the page, the generation, the menu,
the banner...): with a quarter of a second each, a frozen Redis used to cost every page
seconds. A circuit breaker (pybreaker) in front of each Redis connection of the process opens
at the first timeout or refused connection: for the next CACHE_BREAKER_SECONDS every cache
call of the process fails at once and counts as a miss, then one call tries Redis again.
So a frozen Redis costs one request per process at most one socket timeout (0.25 s) every
CACHE_BREAKER_SECONDS, and the others nothing but the cache misses.

The breaker holds a lock while a call is in flight (pybreaker's `call`): the threads of one
process take turns at Redis. A call takes well under a millisecond when Redis answers; when it
does not, the thread waiting behind the first timeout finds the breaker open and goes on.
"""

import pybreaker
import redis
from redis.connection import Connection

SOCKET_TIMEOUT = 0.25  # seconds, to connect and for each answer


def _is_not_an_outage(error: BaseException) -> bool:
    # A refused or timed-out connection opens the breaker; an error Redis answered with
    # (a wrong type, an out-of-range increment) proves Redis is there.
    return not isinstance(error, redis.ConnectionError | redis.TimeoutError | OSError)


breaker = pybreaker.CircuitBreaker(
    fail_max=1, reset_timeout=5, exclude=[_is_not_an_outage], name="redis"
)


class CircuitBreakerConnection(Connection):
    """A Redis connection that gives up at once while the breaker is open.

    An open breaker is reported as a redis.ConnectionError, which django-redis (with
    IGNORE_EXCEPTIONS) turns into a cache miss, as it does for a real outage.
    """

    def _guarded(self, method, *args, **kwargs):
        try:
            return breaker.call(method, *args, **kwargs)
        except pybreaker.CircuitBreakerError as error:
            raise redis.ConnectionError(f"Redis skipped for a while: {error}") from error

    def connect(self, *args, **kwargs):
        return self._guarded(super().connect, *args, **kwargs)

    def send_packed_command(self, *args, **kwargs):
        return self._guarded(super().send_packed_command, *args, **kwargs)

    def read_response(self, *args, **kwargs):
        return self._guarded(super().read_response, *args, **kwargs)


def redis_cache(url: str) -> dict:
    """The CACHES setting for a Redis server at `url`.

    A Redis that is down or frozen counts as a miss: pages are rendered, never a 500. (Django's
    built-in Redis backend raises instead, which is why django-redis is used.) What a frozen
    one costs is bounded by the breaker above.
    """
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "dima",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": SOCKET_TIMEOUT,
                "SOCKET_TIMEOUT": SOCKET_TIMEOUT,
                "CONNECTION_POOL_KWARGS": {"connection_class": CircuitBreakerConnection},
            },
        }
    }
