"""Article lists read a page at a time from where the previous page ended.

The next page is "the N articles older than this one" (`?before=<article id>`), not "skip
N × page rows": the database starts its walk down the index at that article, so the 500th
page of a section costs what the first does, where an OFFSET reads and throws away every row
before it.
"""

from dataclasses import dataclass

from django.db.models import Model
from django.http import Http404
from django.shortcuts import get_object_or_404

from articles.models import Article, ArticleQuerySet
from pagecache.dependencies import kept_until_changed

# Article ids are positive bigints: anything longer is not one.
MAX_CURSOR_DIGITS = 18


@dataclass(frozen=True)
class ArticlePage:
    articles: list[Article]
    is_first: bool
    # The id to continue from (`?before=`), or None on the last page.
    next_before: int | None


def page_of(articles: ArticleQuerySet, before: str | None, size: int) -> ArticlePage:
    """The `size` newest articles, or the `size` newest older than article `before`."""
    articles = articles.newest()
    if before is not None:
        articles = articles.older_than(cursor_article(before))
    rows = list(articles[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    return ArticlePage(
        articles=rows,
        is_first=before is None,
        next_before=rows[-1].pk if has_more else None,
    )


def cursor_article(before: str) -> Article:
    if not (before.isascii() and before.isdecimal() and len(before) <= MAX_CURSOR_DIGITS):
        raise Http404
    return get_object_or_404(Article.objects.only("pk", "published_at"), pk=int(before))


def cached_count(owner: Model, articles: ArticleQuerySet, *, list_version: str) -> int:
    """How many articles the list holds, counted once per version of the list.

    Counting a big tag reads thousands of rows; the number only changes when the list does
    (`list_version`, articles/freshness.py) or when a scheduled article goes public (the
    entry lasts no longer than that).
    """
    return kept_until_changed(
        f"articles-count:{owner._meta.label_lower}:{owner.pk}",
        articles.count,
        depends_on=list_version,
    )
