from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("Your voices (readers' stories)")

    def ready(self) -> None:
        from pagecache.dependencies import describe_pages
        from submissions import signals  # noqa: F401

        # The form's page shows nothing that changes but what every page shows (`site`).
        describe_pages("submissions:submit", lambda match: [])
