from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache.generation import pages_changed_on_commit
from pages.models import Page


@receiver([post_save, post_delete], sender=Page)
def readers_see_a_change(**kwargs) -> None:
    """Cached pages are dropped once the change is committed, not before."""
    pages_changed_on_commit()
