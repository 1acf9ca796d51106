"""The section menu shown on every page, cached so that rendering it costs no query."""

from django.core.cache import cache

from articles.models import Section

CACHE_KEY = "articles:navigation-sections"


def navigation_sections() -> list[Section]:
    return cache.get_or_set(CACHE_KEY, lambda: list(Section.objects.all()), timeout=None)


def forget_navigation_sections() -> None:
    cache.delete(CACHE_KEY)
