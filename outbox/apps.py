from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """The emails the site sends: queued as background tasks once the transaction commits."""

    name = "outbox"
    verbose_name = _("Outgoing email")
