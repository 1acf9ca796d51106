"""What the banner shows changed: move `site` on, which consent's caches follow.

The rendered banner (consent/rendering.py) and every cached page (which names each group's
version in data-consent) are kept with the `site` version, so one call forgets them all.
django-cookie-consent forgets its own cache of the groups when a group or cookie is saved.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cookie_consent.models import Cookie, CookieGroup

from consent.models import BannerText
from pagecache.dependencies import pages_changed, pages_changed_on_commit


@receiver([post_save, post_delete], sender=BannerText)
@receiver([post_save, post_delete], sender=CookieGroup)
@receiver([post_save, post_delete], sender=Cookie)
def banner_changed(**kwargs) -> None:
    # At once, so the rest of this transaction already sees the change; and again once it
    # is committed, so that nothing rendered from the old rows in between is kept.
    pages_changed()
    pages_changed_on_commit()
