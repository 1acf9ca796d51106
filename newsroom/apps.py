from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """The admin's front page: what needs doing, across articles and comments."""

    name = "newsroom"
    verbose_name = _("Newsroom")
