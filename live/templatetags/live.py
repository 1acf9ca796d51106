"""The live coverage of an article's page: its notice, its entries, its structured data.

The coverage is read once per article object (`live_coverage`), entries included: one query
for an article without coverage, two with one; none and one when the article's query joined
its coverage already. Both includes of the page share it.
"""

from django import template
from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.html import json_script
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

from articles.models import Article
from articles.templatetags.article_lines import absolute_url
from live.feed import time_display
from live.models import LiveCoverage, LiveEntry

register = template.Library()

_NO_COVERAGE = object()
# A headline is a line, not the entry: search engines cut BlogPosting headlines at 110.
HEADLINE_LENGTH = 110
# A number in each of the plural categories of Intl.PluralRules, for live.js's announcement.
PLURAL_SAMPLES = {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 11, "other": 100}


@register.simple_tag
def live_coverage(article: Article) -> LiveCoverage | None:
    """The article's coverage with its entries, read once per article object."""
    found = getattr(article, "_live_coverage", _NO_COVERAGE)
    if found is not _NO_COVERAGE:
        return found
    if Article.live_coverage.is_cached(article):
        # The article's query joined its coverage (select_related("live_coverage")): only
        # a live article asks for more, its entries.
        found = getattr(article, "live_coverage", None)
        if found is not None:
            prefetch_related_objects([found], Prefetch("entries", LiveEntry.objects.for_readers()))
    else:
        found = LiveCoverage.objects.with_entries().filter(article_id=article.pk).first()
    article._live_coverage = found
    return found


@register.simple_tag
def live_poll_seconds() -> int:
    return settings.LIVE_POLL_SECONDS


@register.filter
def live_time(entry: LiveEntry, coverage: LiveCoverage) -> str:
    return time_display(entry.created_at, coverage.started_at)


@register.simple_tag
def live_messages() -> SafeString:
    """ "N new updates" in each plural category, for the polite announcement of live.js."""
    messages = {
        category: ngettext("%(count)s new update", "%(count)s new updates", number)
        for category, number in PLURAL_SAMPLES.items()
    }
    return json_script(messages, "live-messages")


def headline(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= HEADLINE_LENGTH else line[: HEADLINE_LENGTH - 1].rstrip() + "…"


def as_live_blog(article: Article, data: dict, request) -> dict:
    """The article's NewsArticle made schema.org's LiveBlogPosting while it has a coverage:
    its times and each entry as an update (ARTICLE_STRUCTURED_DATA)."""
    coverage = live_coverage(article)
    if coverage is None:
        return data
    url = request.build_absolute_uri(absolute_url(article))
    updates = []
    for entry in coverage.entries_for_readers:
        update = {
            "@type": "BlogPosting",
            "headline": headline(entry.text),
            "articleBody": entry.text,
            "datePublished": entry.created_at.isoformat(),
            "url": f"{url}#live-{entry.pk}",
        }
        if entry.image:
            update["image"] = request.build_absolute_uri(entry.image.url)
        updates.append(update)
    data = {
        **data,
        "@type": "LiveBlogPosting",
        "url": url,
        "dateModified": max(coverage.updated_at, article.modified_at).isoformat(),
        "coverageStartTime": coverage.started_at.isoformat(),
        "liveBlogUpdate": updates,
    }
    if coverage.ended_at:
        data["coverageEndTime"] = coverage.ended_at.isoformat()
    return data
