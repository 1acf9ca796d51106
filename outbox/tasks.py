"""The outbox's tasks, run by the task worker (`manage.py task_worker`)."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from outbox.retry import retried_task


@retried_task()
def send_email(subject: str, body: str, recipients: list[str]) -> None:
    EmailMessage(subject, body, None, recipients).send()


@retried_task()
def prune_task_results() -> int:
    """Finished tasks' records (their arguments, their errors) deleted after
    TASKS_RESULT_DAYS, run daily by the scheduler (TASKS_SCHEDULE). Only the database queue
    keeps them; RQ expires its own."""
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return 0
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(days=settings.TASKS_RESULT_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lte=cutoff).delete()
    return deleted
