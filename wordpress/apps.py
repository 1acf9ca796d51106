from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordPressConfig(AppConfig):
    """Moving between WordPress and Dima: `import_wordpress` and `export_wordpress` (WXR)."""

    name = "wordpress"
    verbose_name = _("WordPress import")
