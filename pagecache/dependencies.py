"""What each cached page depends on, and moving exactly those things on when they change.

A cached page is kept with the versions of what it shows, read in the same cache round trip
as the page itself: a hit still costs one `get_many`. Each version is a counter in the cache
(pagecache.versions) named after a thing readers see:

- `site`: what every page shows (the menu of sections, the cookie banner, the footer);
- what an app names for its pages (`describe_pages`): the articles app names one article
  (`article:<id>`), a list (`list:section:<slug>`), the related lists, and so on;
- `any`: moved by every change, for pages no app described and for what must follow any
  change (the moment of the next scheduled publication).

Which versions a page has is known from its address alone, before anything is rendered:
the page cache resolves the path and asks the rule the app gave for that URL name. Apps say
what changed (`changed(...)`, on commit); the page cache knows no app, and docs/caching.md
is the table of what moves what.

A page is kept at most PAGE_CACHE_SECONDS, and no later than the next moment pages change by
themselves (a scheduled article going public, breaking news starting or ending): the soonest
of the moments the callables named by the PAGE_CACHE_NEXT_CHANGE setting tell.
"""

import math
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache as once
from functools import lru_cache, partial
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from pagecache.versions import current_version, fresh_versions

SITE = "site"
ANY = "any"
T = TypeVar("T")

Rule = Callable[[ResolverMatch], Iterable[str]]
_rules: dict[str, Rule] = {}


def describe_pages(view_name: str, depends_on: Rule) -> None:
    """Say what the pages of the URL named `view_name` ("articles:detail") depend on: a
    function of the resolved URL giving version names (besides `site`, which all have)."""
    _rules[view_name] = depends_on
    _dependencies_of.cache_clear()


def version_key(name: str) -> str:
    return f"page:version:{name}"


def _resolved(path: str) -> ResolverMatch | None:
    # The page cache runs before LocaleMiddleware: /fr/… resolves only with French active.
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return resolve(path)
        except Resolver404:
            return None


@lru_cache(maxsize=2048)
def _dependencies_of(path: str) -> tuple[str, ...]:
    # Kept per process: an address always resolves the same way (the URLconf is fixed), and
    # resolving is most of what a hit costs in Python. A flood of odd addresses only evicts.
    match = _resolved(path)
    rule = _rules.get(match.view_name) if match is not None else None
    names = list(dict.fromkeys(rule(match))) if rule is not None else [ANY]
    return (SITE, *(name for name in names if name != SITE))


# Longer paths (never a page's own address) are resolved each time, not remembered.
MEMO_PATH_LENGTH = 400


def page_dependencies(request: HttpRequest) -> list[str]:
    """The version names the page at this address depends on, `site` first."""
    path = request.path_info
    if len(path) > MEMO_PATH_LENGTH:
        return list(_dependencies_of.__wrapped__(path))
    return list(_dependencies_of(path))


def read_versions(names: list[str], found: dict) -> tuple:
    """The versions of `names` among `found` (a get_many's answer), any missing one set."""
    versions = [found.get(version_key(name)) for name in names]
    for index, value in enumerate(versions):
        if value is None:  # never set, or evicted: a fresh value, so nothing old matches
            versions[index] = current_version(version_key(names[index]))
    return tuple(versions)


def changed(*names: str) -> None:
    """What readers see of these things changed: once the transaction commits (at once
    outside one), every page that depends on one of them is rendered again on its next
    request. Pages that depend on none are left alone."""
    if in_bulk():
        return
    transaction.on_commit(partial(_move_on, frozenset(names)))


_bulk: ContextVar[bool] = ContextVar("pagecache_bulk", default=False)


def in_bulk() -> bool:
    """Inside `bulk_change()`: apps need not work out which pages a change touches."""
    return _bulk.get()


@contextmanager
def bulk_change() -> Iterator[None]:
    """Many changes at once (an import, some through bulk_create and update(), which send
    no signal): nothing is worked out change by change; every page is rendered again once
    the work is committed."""
    token = _bulk.set(True)
    try:
        yield
    finally:
        _bulk.reset(token)
    pages_changed_on_commit()


def _move_on(names: frozenset[str]) -> None:
    fresh_versions([version_key(name) for name in names | {ANY}])


def pages_changed() -> None:
    """Everything readers see may have changed (a bulk import, new renditions everywhere,
    the banner): every cached page is rendered again on its next request."""
    fresh_versions([version_key(SITE), version_key(ANY)])


def pages_changed_on_commit() -> None:
    transaction.on_commit(pages_changed)


def any_change_version() -> int:
    return current_version(version_key(ANY))


@once
def _next_change_sources() -> tuple[Callable[[], object], ...]:
    paths = getattr(settings, "PAGE_CACHE_NEXT_CHANGE", None) or ()
    if isinstance(paths, str):
        paths = (paths,)
    return tuple(import_string(path) for path in paths)


@receiver(setting_changed)
def _forget_next_change_sources(*, setting: str, **kwargs) -> None:
    if setting == "PAGE_CACHE_NEXT_CHANGE":
        _next_change_sources.cache_clear()


def next_change():
    """The soonest moment any PAGE_CACHE_NEXT_CHANGE source names, or None."""
    return min(filter(None, (source() for source in _next_change_sources())), default=None)


# A page whose render began just before a moment may be stored just after it: for this long
# after the moment every page is kept one second; then the moment after it is looked up.
NEXT_CHANGE_GRACE_SECONDS = 5


def page_lifetime() -> int:
    """PAGE_CACHE_SECONDS, or less when pages change by themselves sooner: a saved change
    moves versions, but the clock striking does not. The next moment is looked up once per
    change of anything (`any`), and again once it has passed."""
    key = f"page:next-change:{any_change_version()}"
    moment = cache.get(key)
    now = timezone.now()
    if moment is None or (moment and (now - moment).total_seconds() > NEXT_CHANGE_GRACE_SECONDS):
        moment = next_change() or False
        cache.set(key, moment, timeout=settings.PAGE_CACHE_SECONDS)
    if not moment:
        return settings.PAGE_CACHE_SECONDS
    seconds = math.ceil((moment - now).total_seconds())
    return max(1, min(settings.PAGE_CACHE_SECONDS, seconds))


def kept_until_changed(
    name: str,
    compute: Callable[[], T],
    *,
    depends_on: str = ANY,
    changes_by_itself: bool = True,
) -> T:
    """`compute()`, kept in the cache until the version `depends_on` moves on.

    With `changes_by_itself` (a list's article count), also no longer than the page lifetime:
    the clock may change the value without any version moving. Without it (the banner), the
    value is kept PAGE_CACHE_SECONDS, and working out that lifetime costs no query.
    """
    key = f"page:kept:{name}:{current_version(version_key(depends_on))}"
    value = cache.get(key)
    if value is None:
        value = compute()
        timeout = page_lifetime() if changes_by_itself else settings.PAGE_CACHE_SECONDS
        cache.set(key, value, timeout=timeout)
    return value
