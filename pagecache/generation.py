"""The generation of the cached pages: one counter that every cached page belongs to.

Apps tell the page cache that what readers see has changed (`pages_changed_on_commit`); the
page cache knows no app. A page is kept at most PAGE_CACHE_SECONDS, and no later than the
next moment at which pages change by themselves (a scheduled article going public), which
the callable named by the PAGE_CACHE_NEXT_CHANGE setting tells.

What else is worth keeping until the pages change (a list's article count, the banner) is
kept per generation too (`kept_for_generation`). docs/architecture.md lists every cache of
the site and what invalidates it.
"""

import math
from collections.abc import Callable
from functools import cache as once
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.module_loading import import_string

from pagecache.versions import current_version, next_version

GENERATION_KEY = "page:generation"
T = TypeVar("T")


def current_generation() -> int:
    return current_version(GENERATION_KEY)


def pages_changed() -> None:
    """Forget every cached page: the next request for each is rendered afresh."""
    next_version(GENERATION_KEY)


def pages_changed_on_commit() -> None:
    """Forget every cached page once the current transaction commits (at once outside one):
    a page rendered before the commit would otherwise be kept with the old content."""
    transaction.on_commit(pages_changed)


@once
def _next_change_source() -> Callable[[], object] | None:
    path = getattr(settings, "PAGE_CACHE_NEXT_CHANGE", None)
    return import_string(path) if path else None


@receiver(setting_changed)
def _forget_next_change_source(*, setting: str, **kwargs) -> None:
    if setting == "PAGE_CACHE_NEXT_CHANGE":
        _next_change_source.cache_clear()


def page_lifetime(generation: int) -> int:
    """PAGE_CACHE_SECONDS, or less when pages change by themselves sooner: a saved change
    starts a new generation, but the clock striking does not."""
    key = f"page:next-change:{generation}"
    moment = cache.get(key)
    if moment is None:
        source = _next_change_source()
        moment = (source() if source else None) or False
        cache.set(key, moment, timeout=settings.PAGE_CACHE_SECONDS)
    if not moment:
        return settings.PAGE_CACHE_SECONDS
    seconds = math.ceil((moment - timezone.now()).total_seconds())
    return max(1, min(settings.PAGE_CACHE_SECONDS, seconds))


def kept_for_generation(
    name: str, compute: Callable[[], T], *, changes_by_itself: bool = True
) -> T:
    """`compute()`, kept in the cache until the pages change.

    With `changes_by_itself` (a list's article count), also no longer than the page lifetime:
    the clock may change the value without a new generation. Without it (the banner), the
    value is kept PAGE_CACHE_SECONDS, and working out that lifetime costs no query.
    """
    generation = current_generation()
    key = f"page:kept:{name}:{generation}"
    value = cache.get(key)
    if value is None:
        value = compute()
        timeout = page_lifetime(generation) if changes_by_itself else settings.PAGE_CACHE_SECONDS
        cache.set(key, value, timeout=timeout)
    return value
