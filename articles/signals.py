from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Section
from articles.navigation import forget_navigation_sections


@receiver([post_save, post_delete], sender=Section)
def section_changed(**kwargs) -> None:
    forget_navigation_sections()
