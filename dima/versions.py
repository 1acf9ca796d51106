"""Counters kept in the cache, used as part of other keys: moving one on forgets everything
stored under its old value at once (every page, or one article's rendered comments)."""

from django.core.cache import cache


def current_version(key: str) -> int:
    return cache.get_or_set(key, 1, timeout=None) or 1


def next_version(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not there yet (or the cache was emptied): anything but 1 will do
        cache.set(key, 2, timeout=None)
