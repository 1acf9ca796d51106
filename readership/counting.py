"""Where views are counted: Redis's hourly sorted sets, or the database in batches.

Redis (READERSHIP_BACKEND "redis", when the cache is django-redis): a view is one round trip,
`ZINCRBY <prefix>:<YYYYMMDDHH> 1 <article id>` with the key's expiry, pipelined; the most
read is a ZUNIONSTORE of the window's hourly keys, worked out by Redis.

The database ("database", the embedded default): each process adds views to a buffer and
writes it every READERSHIP_FLUSH_SECONDS or READERSHIP_FLUSH_VIEWS views, whichever comes
first, in one upsert (`count = count + n`) for the whole batch. A beacon then costs no write
at all; a write per beacon would take SQLite's single writer lock on every page read, and
queue behind (and ahead of) comments and editors' saves. What a process has not written yet
is lost if it is killed (a few seconds of views); it is written when the process exits.

Either way only an article id, an hour and a number are kept: no address, no user agent, no
cookie.
"""

import atexit
import logging
import threading
import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import QuerySet, Sum

from articles.models import Article
from readership.models import ArticleViews

logger = logging.getLogger(__name__)

HOUR = timedelta(hours=1)


def hour_of(moment: datetime) -> datetime:
    """The start of the hour (UTC) that `moment` falls in."""
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def window(now: datetime, hours: int) -> list[datetime]:
    """The hours counted at `now`: the current one and the `hours - 1` before it."""
    current = hour_of(now)
    return [current - n * HOUR for n in range(hours)]


def upsert_views(rows: Iterable[tuple[int, datetime, int]], *, add: bool) -> int:
    """Write (article id, hour, count) rows in one statement: added to what is there (`add`),
    or replacing it. Rows of articles deleted meanwhile are left out. Answers the rows."""
    batch: dict[tuple[int, datetime], int] = Counter()
    for article_id, hour, count in rows:
        if add:
            batch[(article_id, hour)] += count
        else:
            batch[(article_id, hour)] = count
    if not batch:
        return 0
    existing = set(
        Article.objects.filter(pk__in={pk for pk, _hour in batch}).values_list("pk", flat=True)
    )
    values = [(pk, hour, count) for (pk, hour), count in batch.items() if pk in existing]
    if not values:
        return 0
    table = connection.ops.quote_name(ArticleViews._meta.db_table)
    article, hour, count = (
        connection.ops.quote_name(name) for name in ("article_id", "hour", "count")
    )
    update = f"{table}.{count} + excluded.{count}" if add else f"excluded.{count}"
    # Django has no "add to the stored value" for bulk_create(update_conflicts=True): the same
    # upsert in SQL, which SQLite (3.24+) and PostgreSQL both speak. Only quoted names and
    # placeholders are put together here; every value is a parameter.
    placeholders = ", ".join(["(%s, %s, %s)"] * len(values))
    sql = (
        f"INSERT INTO {table} ({article}, {hour}, {count}) VALUES {placeholders} "  # noqa: S608
        f"ON CONFLICT ({article}, {hour}) DO UPDATE SET {count} = {update}"
    )
    params = []
    for pk, moment, number in values:
        params += [pk, connection.ops.adapt_datetimefield_value(moment), number]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    return len(values)


class DatabaseCounter:
    """Views buffered in this process, written in batches (see the module's docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Counter[tuple[int, datetime]] = Counter()
        self._pending_views = 0
        self._since = time.monotonic()

    def record(self, article_id: int, now: datetime) -> None:
        with self._lock:
            self._pending[(article_id, hour_of(now))] += 1
            self._pending_views += 1
            due = (
                self._pending_views >= settings.READERSHIP_FLUSH_VIEWS
                or time.monotonic() - self._since >= settings.READERSHIP_FLUSH_SECONDS
            )
        if due:
            self.flush()

    def flush(self) -> int:
        """Write what this process has counted; answers the rows written."""
        with self._lock:
            batch, self._pending = self._pending, Counter()
            self._pending_views = 0
            self._since = time.monotonic()
        try:
            return upsert_views(((pk, hour, n) for (pk, hour), n in batch.items()), add=True)
        except DatabaseError:
            # Views are not worth a reader's request: the batch is dropped, and said so.
            logger.exception("%d views could not be written", sum(batch.values()))
            return 0

    def discard(self) -> None:
        """Forget what was counted and not written (tests)."""
        with self._lock:
            self._pending = Counter()
            self._pending_views = 0

    def ranked(self, articles: QuerySet, now: datetime, hours: int, limit: int) -> list:
        """The `limit` most read of `articles` in the window: one query."""
        since = window(now, hours)[-1]
        return list(
            articles.filter(readership_views__hour__gte=since)
            .annotate(recent_views=Sum("readership_views__count"))
            .order_by("-recent_views", "-pk")[:limit]
        )


class RedisCounter:
    """Hourly sorted sets in the cache's Redis (see the module's docstring)."""

    def client(self):
        from django_redis import get_redis_connection

        return get_redis_connection("default")

    def key(self, hour: datetime) -> str:
        return f"{settings.READERSHIP_REDIS_PREFIX}:{hour:%Y%m%d%H}"

    def record(self, article_id: int, now: datetime) -> None:
        key = self.key(hour_of(now))
        pipe = self.client().pipeline(transaction=False)
        pipe.zincrby(key, 1, article_id)
        pipe.expire(key, settings.READERSHIP_REDIS_KEEP_SECONDS)
        pipe.execute()

    def flush(self) -> int:
        return 0  # nothing is buffered: each view went to Redis at once

    def top(self, now: datetime, hours: int, limit: int) -> list[int]:
        """The ids of the `limit` most read in the window, most read first."""
        keys = [self.key(hour) for hour in window(now, hours)]
        union = f"{settings.READERSHIP_REDIS_PREFIX}:top:{hour_of(now):%Y%m%d%H}:{limit}"
        pipe = self.client().pipeline(transaction=True)
        pipe.zunionstore(union, keys)
        pipe.zrevrange(union, 0, limit - 1)
        pipe.delete(union)
        _stored, members, _deleted = pipe.execute()
        return [int(member) for member in members]

    def ranked(self, articles: QuerySet, now: datetime, hours: int, limit: int) -> list:
        """The `limit` most read of `articles` in the window: the ranking from Redis, the
        articles in one query. Twice as many ids are asked for, so that articles no longer
        public leave room for the next ones."""
        ids = self.top(now, hours, 2 * limit)
        if not ids:
            return []
        rank = {pk: number for number, pk in enumerate(ids)}
        found = sorted(articles.filter(pk__in=ids), key=lambda article: rank[article.pk])
        return found[:limit]

    def hours(self, now: datetime, hours: int) -> list[tuple[int, datetime, int]]:
        """Every (article id, hour, views) Redis still holds for the last `hours` hours."""
        moments = window(now, hours)
        pipe = self.client().pipeline(transaction=False)
        for hour in moments:
            pipe.zrange(self.key(hour), 0, -1, withscores=True)
        rows = []
        for hour, members in zip(moments, pipe.execute(), strict=True):
            rows += [(int(member), hour, int(score)) for member, score in members]
        return rows


_database = DatabaseCounter()
_redis = RedisCounter()
atexit.register(_database.flush)


def counter() -> DatabaseCounter | RedisCounter:
    # Redis only while the cache is django-redis: a site (or a test) whose cache is another
    # backend has no Redis connection to count on.
    in_redis = "django_redis" in settings.CACHES["default"]["BACKEND"]
    return _redis if settings.READERSHIP_BACKEND == "redis" and in_redis else _database
