"""Sending email without making a reader wait on the mail server."""

from django.core.mail import EmailMessage
from django.db import transaction

from outbox.tasks import send_email


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Queue `task` once the current transaction commits, so that it never refers to a row
    that was rolled back. A queue that is down by then (Redis, with the RQ backend) is logged
    and costs the task, never the request, whose data is already stored."""

    def enqueue():
        task.enqueue(*args, **kwargs)

    enqueue.__qualname__ = f"enqueue({task.module_path})"  # named in the log if it fails
    transaction.on_commit(enqueue, robust=True)


def email_later(subject: str, body: str, recipients: list[str]) -> None:
    """Queue an email for the worker once the current transaction commits.

    The subject and body become the task's arguments: stored in the task table (shown to
    staff in admin) until `prune_task_results` deletes them. Only for text that holds no
    secret and no personal data; a task that sends such text writes it and sends it itself
    (`email_now`), so that it never enters the queue.

    A rolled-back request queues nothing, and a slow or refusing SMTP server costs the
    request nothing: the worker sends it (EMAIL_TIMEOUT bounds each attempt).
    """
    if not recipients:
        return
    # One line whatever the text held: a CR/LF in a title cannot add a header.
    subject = " ".join(subject.split())
    enqueue_on_commit(send_email, subject, body, list(recipients))


def email_now(subject: str, body: str, recipients: list[str]) -> None:
    """Send an email at once: for tasks, which run in the worker, away from any reader.

    A mail server that fails raises, and the task's retry sends it again.
    """
    if not recipients:
        return
    EmailMessage(" ".join(subject.split()), body, None, list(recipients)).send()
