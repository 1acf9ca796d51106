"""The rendered comments of an article, kept between page renders.

Each article's discussion has a version, moved on by any change to its public comments.
A page rendered again (the page cache emptied by a change elsewhere, a proxy asking for a
fresh copy) reuses the comments it rendered last time, unless they changed.
"""

from django.utils.translation import get_language

from pagecache.versions import current_version, next_version

SECONDS = 3600


def _version_key(article_id: int) -> str:
    return f"comments:version:{article_id}"


def discussion_changed(article_id: int) -> None:
    next_version(_version_key(article_id))


def fragment_key(article_id: int, *, page: int, reply_to: int | None, is_open: bool) -> str:
    version = current_version(_version_key(article_id))
    return (
        f"comments:html:{article_id}:{version}:{page}:{reply_to or 0}:{int(is_open)}:"
        f"{get_language()}"
    )
