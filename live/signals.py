"""An entry or a coverage saved or deleted changes its article's page and its entries' JSON
(both depend on the version `article:<id>`, see live/feed.py)."""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.freshness import article_page
from live.models import LiveCoverage, LiveEntry
from pagecache.dependencies import changed


@receiver([post_save, post_delete], sender=LiveCoverage)
def coverage_changed(instance: LiveCoverage, **kwargs) -> None:
    changed(article_page(instance.article_id))


@receiver([post_save, post_delete], sender=LiveEntry)
def entry_changed(instance: LiveEntry, origin=None, **kwargs) -> None:
    # Deleted with its coverage or article, which say so themselves; deleted alone, or with
    # other entries (the admin's "delete selected": the origin is a query of entries), it says.
    deleted_with = origin.model if isinstance(origin, QuerySet) else type(origin)
    if origin is not None and deleted_with is not LiveEntry:
        return
    if LiveEntry.coverage.is_cached(instance):
        article_id = instance.coverage.article_id
    else:
        coverage = LiveCoverage.objects.filter(pk=instance.coverage_id)
        article_id = coverage.values_list("article_id", flat=True).first()
    if article_id is not None:
        changed(article_page(article_id))
