"""Counters kept in the cache, used as part of other keys: moving one on forgets everything
stored under its old value at once (every page, or one article's rendered comments).

A counter starts at a random value rather than 1, so that a cache emptied (or restarted)
never brings back a value something may still hold from before, such as a process's copy of
the banner kept with the generation it belongs to.
"""

import secrets

from django.core.cache import cache


def _first_value() -> int:
    return secrets.randbelow(2**48) + 1


def current_version(key: str) -> int:
    return cache.get_or_set(key, _first_value, timeout=None) or 1


def next_version(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not there (the cache was emptied): any fresh value will do
        cache.set(key, _first_value(), timeout=None)


def fresh_versions(keys: list[str]) -> None:
    """Move several counters on in one round trip: each gets a new random value, which no
    page kept under the old one can match."""
    if keys:
        cache.set_many({key: _first_value() for key in keys}, timeout=None)
