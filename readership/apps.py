from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    """What readers read most: views counted without cookies, the "Most read" block."""

    name = "readership"
    verbose_name = _("Readership")
