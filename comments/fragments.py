"""The rendered comments of an article, kept between page renders.

Each article's discussion has a version, moved on by any change to its public comments.
A page rendered again (the page cache emptied by a change elsewhere, a proxy asking for a
fresh copy) reuses the comments it rendered last time, unless they changed.
"""

from django.core.cache import cache
from django.utils.translation import get_language

SECONDS = 3600


def _version_key(article_id: int) -> str:
    return f"comments:version:{article_id}"


def discussion_changed(article_id: int) -> None:
    try:
        cache.incr(_version_key(article_id))
    except ValueError:
        cache.set(_version_key(article_id), 2, timeout=None)


def fragment_key(article_id: int, *, page: int, reply_to: int | None, is_open: bool) -> str:
    version = cache.get_or_set(_version_key(article_id), 1, timeout=None)
    return (
        f"comments:html:{article_id}:{version}:{page}:{reply_to or 0}:{int(is_open)}:"
        f"{get_language()}"
    )
