from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("Your voices (readers' stories)")

    def ready(self) -> None:
        from submissions import signals  # noqa: F401
