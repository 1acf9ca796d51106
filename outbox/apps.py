from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from django_tasks_db.apps import TasksAppConfig


class OutboxConfig(AppConfig):
    """The plumbing of background work: the emails the site sends (queued as tasks once the
    transaction commits), the retry of failed tasks, the scheduler and the worker command."""

    default = True  # this module holds a second config, for django-tasks-db
    name = "outbox"
    verbose_name = _("Outgoing email")

    def ready(self) -> None:
        from outbox import retry  # noqa: F401 (connects the retry of failed tasks)


class TaskQueueConfig(TasksAppConfig):
    """django-tasks-db's app, under a name the admin shows in the newsroom's language."""

    default = False
    verbose_name = _("Background tasks")
