"""Readership work done by the task worker."""

from outbox.retry import retried_task
from readership import services


@retried_task()
def persist_views() -> int:
    """Run every few minutes by the scheduler (TASKS_SCHEDULE) when views are counted in
    Redis: the hourly counts go to the database for the admin's totals."""
    return services.views_persisted()
