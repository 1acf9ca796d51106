"""The section menu shown on every page, cached so that rendering it costs no query."""

from django.core.cache import cache
from django.http import HttpRequest

from articles.models import Section

CACHE_KEY = "articles:navigation-sections"
# Saving a section clears the entry at once in a shared cache (Redis); with a per-process cache
# other processes notice within this many seconds.
CACHE_SECONDS = 300


def navigation_sections() -> list[Section]:
    # A plain get and set: two cache round trips on a miss (get_or_set makes three), which
    # matters when Redis is frozen and each one waits for its timeout.
    sections = cache.get(CACHE_KEY)
    if sections is None:
        sections = list(Section.objects.all())
        cache.set(CACHE_KEY, sections, timeout=CACHE_SECONDS)
    return sections


def request_sections(request: HttpRequest) -> list[Section]:
    """The menu for this request: read from the cache once, however many places need it."""
    if not hasattr(request, "_navigation_sections"):
        request._navigation_sections = navigation_sections()
    return request._navigation_sections


def forget_navigation_sections() -> None:
    cache.delete(CACHE_KEY)
