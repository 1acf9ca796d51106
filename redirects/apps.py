from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedirectsConfig(AppConfig):
    """Old addresses that answer 301 to their new page: WordPress's, and any an editor adds."""

    name = "redirects"
    verbose_name = _("Redirects")
