def redis_cache(url: str) -> dict:
    """The CACHES setting for a Redis server at `url`.

    A Redis that is down or frozen costs a request at most a quarter of a second per cache
    call and counts as a miss: pages are rendered, never a 500. (Django's built-in Redis
    backend raises instead, which is why django-redis is used.)
    """
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "dima",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
            },
        }
    }
