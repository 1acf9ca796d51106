from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """The newsroom's door: the second factor's policy, staff sessions, password resets."""

    name = "staff"
    verbose_name = _("Staff sign-in")

    def ready(self):
        from staff import signals  # noqa: F401 (connects the sign-in receivers)
