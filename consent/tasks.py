"""Consent upkeep run by the task worker."""

from consent.services import receipts_prune
from outbox.retry import retried_task


@retried_task()
def prune_consent_receipts() -> int:
    """The receipts' retention rule, run daily by the scheduler (TASKS_SCHEDULE)."""
    return receipts_prune()
