from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cookie_consent.models import Cookie, CookieGroup

from consent.banner import forget_banner_text
from consent.models import BannerText
from consent.rendering import forget_rendered_banners
from pagecache.generation import pages_changed_on_commit


@receiver([post_save, post_delete], sender=BannerText)
def banner_text_changed(sender, instance: BannerText, **kwargs) -> None:
    forget_banner_text(instance.language)
    forget_rendered_banners()
    pages_changed_on_commit()


@receiver([post_save, post_delete], sender=CookieGroup)
@receiver([post_save, post_delete], sender=Cookie)
def cookie_groups_changed(**kwargs) -> None:
    forget_rendered_banners()
    # Pages carry the groups' versions (data-consent): readers must be asked again.
    pages_changed_on_commit()
