from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles.models import Article, Author, Byline, Correction, Section, Tag
from articles.navigation import forget_navigation_sections
from pagecache.generation import pages_changed_on_commit


@receiver([post_save, post_delete], sender=Section)
def section_changed(**kwargs) -> None:
    forget_navigation_sections()


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=Tag)
@receiver([post_save, post_delete], sender=Author)
@receiver([post_save, post_delete], sender=Byline)
@receiver([post_save, post_delete], sender=Correction)
@receiver(m2m_changed, sender=Article.tags.through)
def readers_see_a_change(**kwargs) -> None:
    """Cached pages are dropped once the change is committed, not before."""
    pages_changed_on_commit()
