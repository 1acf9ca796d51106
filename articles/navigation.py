"""The section menu shown on every page, cached so that rendering it costs no query."""

from django.core.cache import cache

from articles.models import Section

CACHE_KEY = "articles:navigation-sections"
# Saving a section clears the entry at once in a shared cache (Redis); with a per-process cache
# other processes notice within this many seconds.
CACHE_SECONDS = 300


def navigation_sections() -> list[Section]:
    return cache.get_or_set(CACHE_KEY, lambda: list(Section.objects.all()), timeout=CACHE_SECONDS)


def forget_navigation_sections() -> None:
    cache.delete(CACHE_KEY)
