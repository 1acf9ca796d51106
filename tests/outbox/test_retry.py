"""A failed task is tried again later, with a growing wait, and each failure stays visible."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bench.nginx_server import free_port
from outbox.retry import retry_delay
from outbox.services import email_later
from outbox.tasks import send_email
from tests.workers import DATABASE_QUEUE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def refusing_mail_server(settings):
    """Tasks in the database queue; mail to a port where nothing listens (refused at once)."""
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.TASKS_RETRY_SECONDS, settings.TASKS_MAX_ATTEMPTS = 60, 3


def run_worker_once():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_the_wait_doubles_and_is_capped(settings):
    settings.TASKS_RETRY_SECONDS, settings.TASKS_RETRY_MAX_SECONDS = 60, 3600
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 7, 8)] == [60, 120, 240, 3600, 3600]


def test_a_failed_email_is_queued_again_with_a_wait_and_the_failure_is_kept(
    refusing_mail_server,
):
    email_later("عنوان", "نص", ["editor@dima.test"])
    before = timezone.now()
    run_worker_once()
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert "ConnectionRefusedError" in failed.traceback
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs == {
        "args": ["عنوان", "نص", ["editor@dima.test"]],
        "kwargs": {"retry_attempt": 2},
    }
    assert before + timedelta(seconds=59) < retry.run_after < timezone.now() + timedelta(seconds=61)


def test_after_the_last_attempt_the_failure_stands(refusing_mail_server):
    send_email.enqueue("عنوان", "نص", ["editor@dima.test"], retry_attempt=3)
    run_worker_once()
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED"]


def test_a_retry_runs_the_task_as_written_once_its_time_comes(refusing_mail_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core import mail

    send_email.using(run_after=timezone.now() - timedelta(seconds=1)).enqueue(
        "عنوان", "نص", ["editor@dima.test"], retry_attempt=2
    )
    run_worker_once()
    assert [m.subject for m in mail.outbox] == ["عنوان"]
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_staff_see_failed_tasks_and_their_error_in_arabic(refusing_mail_server, admin_client):
    email_later("عنوان", "نص", ["editor@dima.test"])
    run_worker_once()
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    listing = admin_client.get("/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED")
    assert listing.status_code == 200
    assert "ConnectionRefusedError" in listing.text
    assert "send_email" in listing.text
    page = admin_client.get(f"/admin/django_tasks_database/dbtaskresult/{failed.pk}/change/")
    assert page.status_code == 200
    assert "Traceback" in page.text
    for label in ("المهام في الخلفية", "فشلت", "المحاولة", "الخطأ"):
        assert label in listing.text, label


# In a rolled-back transaction: the groups made by the migrations are there (a transactional
# test empties the tables after it).
@pytest.mark.django_db
def test_editors_see_the_failed_tasks_too(refusing_mail_server, client, django_user_model):
    from django.contrib.auth.models import Group

    result = send_email.enqueue("عنوان", "نص", ["editor@dima.test"])
    try:
        send_email.call("عنوان", "نص", ["editor@dima.test"])
    except ConnectionRefusedError as refused:  # what the worker records on failure
        DBTaskResult.objects.get(pk=result.id).set_failed(refused)
    editor = django_user_model.objects.create_user("desk", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="محرر"))
    client.force_login(editor)
    listing = client.get("/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED")
    assert listing.status_code == 200
    assert "ConnectionRefusedError" in listing.text
    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    writer.groups.add(Group.objects.get(name="كاتب"))
    client.force_login(writer)
    assert client.get("/admin/django_tasks_database/dbtaskresult/").status_code == 403


def test_finished_tasks_records_are_deleted_after_their_days(settings):
    from outbox.tasks import prune_task_results

    settings.TASKS = DATABASE_QUEUE
    old, recent, waiting = (send_email.enqueue("عنوان", "نص", ["e@dima.test"]) for _ in range(3))
    days_ago = timezone.now() - timedelta(days=settings.TASKS_RESULT_DAYS + 1)
    DBTaskResult.objects.filter(pk=old.id).update(status="SUCCESSFUL", finished_at=days_ago)
    DBTaskResult.objects.filter(pk=recent.id).update(status="FAILED", finished_at=timezone.now())
    assert prune_task_results.call() == 1
    kept = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    assert kept == {recent.id, waiting.id}
