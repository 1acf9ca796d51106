from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from html import unescape

from django.db import transaction
from django.db.models import QuerySet
from django.utils.html import strip_tags

from arabic.text import search_terms
from articles.models import Article

# Articles per indexing task: a bulk change is indexed by the worker in tasks of this size.
INDEX_BATCH = 500

# The ids saved inside `indexing_in_background()`, once their transaction commits.
_collected: ContextVar[set[int] | None] = ContextVar("search_collected", default=None)


def article_text(article: Article) -> str:
    return " ".join([article.excerpt, unescape(strip_tags(article.body))])


def index_article(article: Article) -> None:
    """Store the article's stemmed words; the database keeps its full-text index in step."""
    from search.models import SearchEntry

    SearchEntry.objects.update_or_create(article=article, defaults=entry_words(article))


def article_saved(article: Article) -> None:
    """Index a saved article now, or, inside `indexing_in_background()`, note it for later."""
    collected = _collected.get()
    if collected is None:
        index_article(article)
    else:
        # Only once committed: a task never names an article whose save was rolled back.
        transaction.on_commit(partial(collected.add, article.pk))


@contextmanager
def indexing_in_background() -> Iterator[None]:
    """A bulk change (an import): the articles saved inside are not indexed one by one in the
    run but by the task worker afterwards, in batches queued once committed."""
    collected: set[int] = set()
    token = _collected.set(collected)
    try:
        yield
    finally:
        _collected.reset(token)
        index_later(sorted(collected))


def index_later(article_ids: Iterable[int]) -> None:
    """Queue the indexing of these articles for the worker, once the transaction commits."""
    from search.tasks import index_articles

    ids = list(article_ids)
    for start in range(0, len(ids), INDEX_BATCH):
        transaction.on_commit(partial(index_articles.enqueue, ids[start : start + INDEX_BATCH]))


def entry_words(article: Article) -> dict[str, str]:
    """The columns of an article's search entry (works on a migration's historical model)."""
    return {
        "title": " ".join(search_terms(article.title)),
        "body": " ".join(search_terms(article_text(article))),
    }


def rebuild_index(*, articles: QuerySet, entries: QuerySet, batch: int = INDEX_BATCH) -> int:
    """Store every article's words again, as arabic.text now writes them (after a change to
    its rules), in batches; return how many entries changed. The database's full-text index
    follows its entries (FTS5 triggers, the generated tsvector column)."""
    changed, last = 0, 0
    while chunk := list(articles.filter(pk__gt=last).order_by("pk")[:batch]):
        last = chunk[-1].pk
        stored = entries.in_bulk([article.pk for article in chunk], field_name="article_id")
        created, updated = [], []
        for article in chunk:
            words = entry_words(article)
            entry = stored.get(article.pk)
            if entry is None:
                created.append(entries.model(article_id=article.pk, **words))
            elif (entry.title, entry.body) != (words["title"], words["body"]):
                entry.title, entry.body = words["title"], words["body"]
                updated.append(entry)
        entries.bulk_create(created)
        entries.bulk_update(updated, ["title", "body"])
        changed += len(created) + len(updated)
    return changed
