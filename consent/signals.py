from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from consent.banner import forget_banner_text
from consent.models import BannerText


@receiver([post_save, post_delete], sender=BannerText)
def banner_text_changed(sender, instance: BannerText, **kwargs) -> None:
    forget_banner_text(instance.language)
