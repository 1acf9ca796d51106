from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from django.conf import settings

        from PIL import Image

        from articles import freshness, history, signals  # noqa: F401

        freshness.register()

        # Pillow refuses to decode anything larger (DecompressionBombError), wherever it opens.
        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS
