from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache.dependencies import changed, describe_pages
from pages.models import Page

# The version every standing page, and the sitemap that lists them, depends on.
PAGES_VERSION = "pages"
describe_pages("pages:detail", lambda match: [PAGES_VERSION])


@receiver([post_save, post_delete], sender=Page)
def readers_see_a_change(**kwargs) -> None:
    """Standing pages (and the sitemap that lists them) are rendered again once committed."""
    changed(PAGES_VERSION)
