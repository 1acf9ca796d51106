from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """Standing pages (about, contact, editorial policy) at addresses an editor chooses."""

    name = "pages"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from pages import signals  # noqa: F401
