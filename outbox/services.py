"""Sending email without making a reader wait on the mail server."""

from functools import partial

from django.db import transaction

from outbox.tasks import send_email


def email_later(subject: str, body: str, recipients: list[str]) -> None:
    """Queue an email for the worker once the current transaction commits.

    A rolled-back request queues nothing, and a slow or refusing SMTP server costs the
    request nothing: the worker sends it (EMAIL_TIMEOUT bounds each attempt).
    """
    if not recipients:
        return
    # One line whatever the text held: a CR/LF in a title cannot add a header.
    subject = " ".join(subject.split())
    transaction.on_commit(partial(send_email.enqueue, subject, body, list(recipients)))
