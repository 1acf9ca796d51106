"""The strip is on every page: a change to what it shows moves `site` on, once committed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Article
from articles.services import statuses_changed
from breaking.models import Breaking
from breaking.services import article_in_strip
from pagecache.dependencies import SITE, changed, in_bulk


@receiver([post_save, post_delete], sender=Breaking)
def breaking_changed(**kwargs) -> None:
    changed(SITE)


# What the strip shows of an article: its headline and address, and whether it is public.
SHOWN_FIELDS = ("title", "slug", "status", "published_at")


@receiver(post_save, sender=Article)
def linked_article_saved(
    instance: Article, created: bool = False, raw: bool = False, **kwargs
) -> None:
    if created or raw or in_bulk():
        return  # a new article is in no strip yet
    # The article as it was, read by articles/signals.py before the save (None if unknown).
    before = getattr(instance, "_before_save", None)
    if before is not None and all(
        getattr(before, field) == getattr(instance, field) for field in SHOWN_FIELDS
    ):
        return  # its body or image changed: nothing the strip shows
    if article_in_strip([instance.pk]):
        changed(SITE)


@receiver(statuses_changed, sender=Article)
def linked_articles_published_or_unpublished(article_ids, **kwargs) -> None:
    if article_in_strip(article_ids):
        changed(SITE)
