"""The task that sends one email, run by the task worker (`manage.py db_worker`)."""

from django.core.mail import EmailMessage

from outbox.retry import retried_task


@retried_task()
def send_email(subject: str, body: str, recipients: list[str]) -> None:
    EmailMessage(subject, body, None, recipients).send()
