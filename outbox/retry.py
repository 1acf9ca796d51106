"""Tasks that are tried again when they fail: the tasks framework has no retry of its own.

A failed attempt stays recorded as failed (with its error, in admin for the database queue);
the next attempt is a new task, deferred by a wait that doubles each time, carrying its
number in the `retry_attempt` keyword (visible in admin too). After TASKS_MAX_ATTEMPTS
attempts the failure stands. A backend that cannot defer (the tests' immediate backend)
does not retry.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.dispatch import receiver
from django.utils import timezone

from django_tasks import TaskResult, TaskResultStatus, task
from django_tasks.signals import task_finished

ATTEMPT = "retry_attempt"

logger = logging.getLogger(__name__)


def retried_task(**options):
    """`@task(**options)` for a function whose failures are worth trying again later.

    The function must be safe to run more than once (an email may then be sent twice if the
    mail server failed after accepting it, which beats not at all).
    """

    def decorate(func):
        @functools.wraps(func)
        def attempt(*args, **kwargs):
            kwargs.pop(ATTEMPT, None)
            return func(*args, **kwargs)

        attempt.retried = True
        return task(**options)(attempt)

    return decorate


def retry_delay(attempt: int) -> timedelta:
    """The wait after failed attempt number `attempt` (1, 2, …): doubling, capped."""
    seconds = settings.TASKS_RETRY_SECONDS * 2 ** (attempt - 1)
    return timedelta(seconds=min(seconds, settings.TASKS_RETRY_MAX_SECONDS))


@receiver(task_finished)
def retry_failed_task(sender, task_result: TaskResult, **kwargs) -> None:
    task = task_result.task
    if task_result.status != TaskResultStatus.FAILED or not getattr(task.func, "retried", False):
        return
    attempt = int(task_result.kwargs.get(ATTEMPT, 1))
    if attempt >= settings.TASKS_MAX_ATTEMPTS:
        logger.error("Task %s failed %d times: no retry", task.module_path, attempt)
        return
    if not task.get_backend().supports_defer:
        return
    run_after = timezone.now() + retry_delay(attempt)
    try:
        retry = task.using(run_after=run_after).enqueue(
            *task_result.args, **{**task_result.kwargs, ATTEMPT: attempt + 1}
        )
    except Exception:  # the worker must go on whatever happens here
        logger.exception("Task %s could not be queued again", task.module_path)
        return
    logger.warning(
        "Task %s failed (attempt %d); retry %s at %s",
        task.module_path,
        attempt,
        retry.id,
        run_after.isoformat(),
    )
