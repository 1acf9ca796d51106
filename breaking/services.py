"""Marking an article as breaking news, ending it, and what the strip shows.

The strip is on every page, so its items are read once per version of `site` (every page
depends on it) and kept in the cache: a cached page costs nothing, a page rendered afresh at
most one query. Every save or deletion of an item moves `site` on (breaking/signals.py), and
so does a change to an article the strip links to. The clock is read at each render: an item
shows from `starts_at` until `ends_at`, and no page is kept past the next of those moments
(`next_breaking_change`, named in PAGE_CACHE_NEXT_CHANGE).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from breaking.models import Breaking
from pagecache.dependencies import SITE, changed, kept_until_changed

# Items kept for the strip (running or to come), newest first: far more than a newsroom
# ever runs at once.
KEPT_ITEMS = 50


@dataclass(frozen=True)
class StripItem:
    """What the strip shows of an item: kept in the cache, so plain values only."""

    pk: int
    headline: str
    article_pk: int
    article_slug: str
    language: str
    starts_at: datetime
    ends_at: datetime

    @property
    def url(self) -> str:
        # Reversed at render time: the address carries the page's language prefix.
        return reverse("articles:detail", kwargs={"pk": self.article_pk, "slug": self.article_slug})

    def is_running(self, now: datetime) -> bool:
        return self.starts_at <= now < self.ends_at


def _items_from_database() -> tuple[StripItem, ...]:
    rows = (
        Breaking.objects.not_ended()
        .of_public_articles()
        .order_by("-starts_at", "-pk")
        .values_list(
            "pk",
            "headline",
            "article_id",
            "article__slug",
            "article__title",
            "article__language",
            "starts_at",
            "ends_at",
        )[:KEPT_ITEMS]
    )
    return tuple(
        StripItem(pk, headline or title, article_pk, slug, language, starts_at, ends_at)
        for pk, headline, article_pk, slug, title, language, starts_at, ends_at in rows
    )


def kept_items() -> tuple[StripItem, ...]:
    """The items running or to come, newest first, as of the current `site` version."""
    # Only a save moves this list on; the clock only ends or starts what is in it.
    return kept_until_changed(
        "breaking:items", _items_from_database, depends_on=SITE, changes_by_itself=False
    )


def strip_items() -> list[StripItem]:
    """What the strip shows now: the newest BREAKING_SHOWN items running."""
    now = timezone.now()
    return [item for item in kept_items() if item.is_running(now)][: settings.BREAKING_SHOWN]


def next_breaking_change() -> datetime | None:
    """When an item next starts or ends, or None (PAGE_CACHE_NEXT_CHANGE)."""
    now = timezone.now()
    moments = [
        moment for item in kept_items() for moment in (item.starts_at, item.ends_at) if moment > now
    ]
    return min(moments, default=None)


def article_in_strip(article_ids) -> bool:
    """Whether the strip may link to one of these articles, now or later (one query).

    Asked of the database, not of the kept items: a page may still show an item after they
    have left the cache, and an article just taken down is no longer among them anyway.
    """
    return Breaking.objects.not_ended().filter(article_id__in=list(article_ids)).exists()


def breaking_mark(
    *,
    article: Article,
    ends_at: datetime,
    headline: str = "",
    starts_at: datetime | None = None,
    created_by=None,
) -> Breaking:
    """Mark `article` as breaking news until `ends_at`, or raise ValidationError."""
    item = Breaking(
        article=article,
        headline=headline,
        starts_at=starts_at or timezone.now(),
        ends_at=ends_at,
        created_by=created_by,
    )
    item.full_clean()
    item.save()
    return item


def breaking_mark_for(*, article: Article, hours: float = 1, created_by=None) -> Breaking:
    """Mark `article` as breaking news from now, for `hours` hours."""
    return breaking_mark(
        article=article, ends_at=timezone.now() + timedelta(hours=hours), created_by=created_by
    )


def breaking_end_now(items) -> int:
    """End these items at once: those running stop now, those still to come are dropped."""
    now = timezone.now()
    items = items.filter(ends_at__gt=now)
    with transaction.atomic():
        dropped, _ = items.filter(starts_at__gte=now).delete()
        ended = items.filter(starts_at__lt=now).update(ends_at=now)
        if ended:
            # update() sends no signal: every page loses the strip once this is committed.
            changed(SITE)
    return dropped + ended
