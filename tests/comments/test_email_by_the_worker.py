"""The editors' email about a pending comment is sent by a real worker process, never by the
reader's request: a stopped worker or a stuck mail server costs the reader nothing."""

import time

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bench.nginx_server import free_port
from comments.models import Comment
from tests.mailservers import HangingServer, SMTPServer
from tests.workers import DATABASE_QUEUE, process_env, start_db_worker, stop, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued(settings, editor):
    """The site as configured in production: tasks go to the database queue."""
    settings.TASKS = DATABASE_QUEUE
    editor.email = "editor@example.com"
    editor.save()


def sent(inbox, title):
    return [m for m in inbox.messages if title in m["Subject"]]


def test_with_no_worker_the_comment_is_stored_and_its_email_waits_for_the_worker(
    queued, article, post_comment, tmp_path
):
    response = post_comment(article)
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING
    [waiting] = DBTaskResult.objects.all()
    assert waiting.task_path == "comments.tasks.notify_editors"
    assert waiting.status == TaskResultStatus.READY

    port = free_port()
    with SMTPServer(port) as inbox:
        log = tmp_path / "worker.log"
        worker = start_db_worker(process_env(EMAIL_URL=f"smtp://127.0.0.1:{port}"), log)
        try:
            [message] = wait_for(lambda: sent(inbox, "مقال للنقاش"), what="the email", log=log)
        finally:
            stop(worker)
    assert message["To"] == "editor@example.com"
    assert "مقال مفيد، شكراً." in message.get_body().get_content()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_a_comment_posted_while_the_mail_server_hangs_is_answered_at_once_and_mailed_later(
    queued, settings, article, post_comment, tmp_path
):
    port = free_port()
    # Were the email sent in the request, this is where it would wait, 30 s.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 30
    log = tmp_path / "worker.log"
    with HangingServer(port) as hanging:
        started = time.monotonic()
        response = post_comment(article)
        answered_in = time.monotonic() - started
        assert response.status_code == 302
        assert answered_in < 2, answered_in
        assert Comment.objects.get().status == Comment.Status.PENDING

        env = process_env(
            EMAIL_URL=f"smtp://127.0.0.1:{port}",
            EMAIL_TIMEOUT="1",
            TASKS_RETRY_SECONDS="1",
            TASKS_MAX_ATTEMPTS="20",
        )
        worker = start_db_worker(env, log)
        try:
            failed = wait_for(
                lambda: DBTaskResult.objects.filter(
                    task_path="comments.tasks.notify_editors", status=TaskResultStatus.FAILED
                ).first(),
                what="the first attempt to time out",
                log=log,
            )
            assert hanging.connections  # the worker did reach the stuck server
        except BaseException:
            stop(worker)
            raise
    assert "TimeoutError" in failed.traceback or "timed out" in failed.traceback
    retry = DBTaskResult.objects.filter(
        task_path="comments.tasks.notify_editors", args_kwargs__kwargs__retry_attempt=2
    ).get()
    assert retry.run_after > failed.finished_at

    # The mail server is back: a later attempt delivers the email.
    try:
        with SMTPServer(port) as inbox:
            [message] = wait_for(lambda: sent(inbox, "مقال للنقاش"), what="the email", log=log)
    finally:
        stop(worker)
    assert message["To"] == "editor@example.com"
    assert DBTaskResult.objects.filter(
        task_path="comments.tasks.notify_editors", status=TaskResultStatus.SUCCESSFUL
    ).exists()


def test_no_email_for_a_comment_moderated_before_the_worker_got_to_it(
    queued, article, post_comment
):
    from django.core import mail
    from django.core.management import call_command

    from comments.services import comments_set_status

    post_comment(article)
    comments_set_status([Comment.objects.get().pk], Comment.Status.APPROVED)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert mail.outbox == []
    assert list(DBTaskResult.objects.values_list("task_path", "status")) == [
        ("comments.tasks.notify_editors", "SUCCESSFUL")
    ]


def test_the_commenters_email_and_address_never_enter_the_task_table(queued, article, post_comment):
    """Staff who may see the queue see task arguments, kept for days: only ids go there."""
    import json

    from django.core import mail
    from django.core.management import call_command

    post_comment(article, email="private.reader@example.com")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    [email] = mail.outbox
    comment = Comment.objects.get()
    assert comment.ip_address and comment.ip_address in email.body
    assert "private.reader@example.com" in email.body
    stored = json.dumps(list(DBTaskResult.objects.values_list("args_kwargs", flat=True)))
    assert "private.reader@example.com" not in stored
    assert comment.ip_address not in stored
