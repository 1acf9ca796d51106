"""Counting a view and reading the most read: what the beacon and the block call."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.utils import timezone

import redis

from articles.freshness import RELATED
from articles.models import Article
from pagecache.dependencies import SITE, version_key
from pagecache.versions import current_version
from readership.bots import is_robot
from readership.counting import RedisCounter, counter, upsert_views

logger = logging.getLogger(__name__)

# Article ids are bigint: anything outside is no article, and must not reach the database.
LARGEST_ID = 2**63 - 1
# What a compact card shows (articles.templatetags.article_lines.article_card).
CARD_FIELDS = (
    "pk",
    "slug",
    "title",
    "language",
    "published_at",
    "image",
    "image_width",
    "image_height",
)


def is_public(article_id: int) -> bool:
    """Whether readers may see the article, remembered a while per id: a flood of views of
    the same articles asks the database once per article and period."""
    if not 0 < article_id <= LARGEST_ID:
        return False
    key = f"readership:public:{article_id}"
    known = cache.get(key)
    if known is None:
        known = Article.objects.published().filter(pk=article_id).exists()
        cache.set(key, known, timeout=settings.READERSHIP_PUBLIC_SECONDS)
    return known


def view_recorded(*, article_id: int, user_agent: str) -> bool:
    """Count one reading of a public article by a reader who is not a robot. Nothing about
    the reader is kept. Answers whether it counted; never fails the request."""
    if is_robot(user_agent):
        return False
    try:
        if not is_public(article_id):
            return False
        counter().record(article_id, timezone.now())
    except (redis.RedisError, DatabaseError):
        logger.warning("A view of article %s was not counted", article_id, exc_info=True)
        return False
    return True


def _most_read(limit: int) -> list[Article]:
    articles = Article.objects.published().only(*CARD_FIELDS)
    try:
        return counter().ranked(articles, timezone.now(), settings.READERSHIP_HOURS, limit)
    except redis.RedisError:
        logger.warning("The most read could not be read", exc_info=True)
        return []


def most_read(limit: int | None = None) -> list[Article]:
    """The most read public articles of the last READERSHIP_HOURS hours, most read first.

    Worked out at most once every READERSHIP_TOP_SECONDS and kept with the versions of what
    the cards show (`site`, the sections; `related`, any public article edited or taken
    down): the cached list costs no query, and a page rendered after such a change does not
    show an old title or a link to a page now gone.
    """
    limit = settings.READERSHIP_TOP if limit is None else limit
    versions = f"{current_version(version_key(SITE))}.{current_version(version_key(RELATED))}"
    key = f"readership:most-read:{limit}:{versions}"
    articles = cache.get(key)
    if articles is None:
        articles = _most_read(limit)
        cache.set(key, articles, timeout=settings.READERSHIP_TOP_SECONDS)
    return articles


def views_persisted() -> int:
    """Copy Redis's hourly counts (those it still keeps) into ArticleViews, so that totals
    outlive Redis's expiry. Safe to run again: each hour's count replaces the stored one."""
    counting = counter()
    if not isinstance(counting, RedisCounter):
        return 0
    hours = settings.READERSHIP_REDIS_KEEP_SECONDS // 3600 + 1
    return upsert_views(counting.hours(timezone.now(), hours), add=False)
