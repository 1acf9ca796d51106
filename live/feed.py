"""What readers see of a live coverage, and the JSON its page asks for every few seconds.

The JSON is the same for every reader, so it is kept in the cache with the version of its
article's page (`article:<id>`, pagecache.dependencies), read with it in one round trip: a
thousand readers polling cost one render per change, not one per reader. Saving or deleting
an entry moves that version on (live/signals.py), which also renders the article's page again.
Browsers and shared caches may keep it LIVE_JSON_MAX_AGE seconds (views.entries_json).
"""

import json
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

from articles.freshness import article_page
from live.models import LiveCoverage, LiveEntry
from pagecache.dependencies import read_versions, version_key

# Never read as markup, even by a client that sniffs: <, > and & are written as \u escapes.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


# A poll carries the first entries in readers' order (pinned, then newest), not a day's worth:
# the page keeps older ones below them (static/js/live.js).
JSON_ENTRIES = 50


def time_display(moment: datetime, since: datetime) -> str:
    """The time alone on the day the coverage started, the date and time after it."""
    local, start = timezone.localtime(moment), timezone.localtime(since)
    fmt = "TIME_FORMAT" if local.date() == start.date() else "DATETIME_FORMAT"
    return date_format(local, fmt)


def entry_html(entry: LiveEntry, coverage: LiveCoverage) -> str:
    """An entry's markup: the page and the JSON use the same template."""
    return render_to_string("live/includes/entry.html", {"entry": entry, "coverage": coverage})


def entry_data(entry: LiveEntry, coverage: LiveCoverage) -> dict:
    return {
        "id": entry.pk,
        "time": timezone.localtime(entry.created_at).isoformat(),
        "time_display": time_display(entry.created_at, coverage.started_at),
        "text": entry.text,
        "html": entry_html(entry, coverage),
        "image": entry.image.url if entry.image else None,
        "image_alt": entry.image_alt,
        "pinned": entry.pinned,
    }


def coverage_data(coverage: LiveCoverage, entries: list[LiveEntry], *, complete: bool) -> dict:
    updated = max((entry.created_at for entry in entries), default=coverage.started_at)
    return {
        "live": coverage.is_live,
        "started_at": coverage.started_at.isoformat(),
        "ended_at": coverage.ended_at.isoformat() if coverage.ended_at else None,
        "updated": timezone.localtime(updated).isoformat(),
        "updated_display": date_format(timezone.localtime(updated), "DATETIME_FORMAT"),
        "complete": complete,
        "entries": [entry_data(entry, coverage) for entry in entries],
    }


def render_entries_json(article_id: int) -> bytes | None:
    """The JSON of a public article's coverage (two queries), or None."""
    coverage = LiveCoverage.objects.public().filter(article_id=article_id).first()
    if coverage is None:
        return None
    entries = list(coverage.entries.for_readers()[: JSON_ENTRIES + 1])
    complete = len(entries) <= JSON_ENTRIES
    text = json.dumps(
        coverage_data(coverage, entries[:JSON_ENTRIES], complete=complete), ensure_ascii=False
    )
    return text.translate(JSON_ESCAPES).encode()


def entries_json(article_id: int) -> bytes | None:
    """`render_entries_json`, kept until the article's page changes.

    The version is read before rendering: an entry saved meanwhile is stored under the old
    version, which the next request no longer matches, so it is never missed.
    """
    name = article_page(article_id)
    key = f"live:entries:{article_id}:{get_language()}"
    found = cache.get_many([key, version_key(name)])
    (version,) = read_versions([name], found)
    kept = found.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    body = render_entries_json(article_id)
    if body is not None:  # no coverage, or not public: asked again, nothing kept
        cache.set(key, (version, body), timeout=settings.PAGE_CACHE_SECONDS)
    return body
