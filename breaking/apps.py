from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BreakingConfig(AppConfig):
    """Breaking news: editors mark a published article «عاجل» until a given time, and a strip
    at the top of every page links to it until then."""

    name = "breaking"
    verbose_name = _("Breaking news")

    def ready(self) -> None:
        from breaking import signals  # noqa: F401
