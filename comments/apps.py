from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        from comments import signals  # noqa: F401
        from comments.forms import share_form_start
        from comments.remember import share_remembered_commenter

        share_remembered_commenter()
        share_form_start()
