"""/healthz reports the task queue's backlog and the age of its oldest waiting task, in one
bounded query, and never fails because the queue is long."""

from datetime import timedelta

from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from edge import middleware
from outbox.tasks import send_email
from tests.workers import DATABASE_QUEUE

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_QUEUE


def enqueue(n=1):
    return [send_email.enqueue("عنوان", "نص", ["editor@dima.test"]) for _ in range(n)]


def test_an_empty_queue_is_reported_empty(client, queue):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "cache": "ok",
        "tasks_waiting": 0,
        "oldest_task_waiting_seconds": None,
    }


def test_the_backlog_counts_the_tasks_due_and_the_oldest_ones_wait(
    client, queue, django_assert_max_num_queries
):
    oldest, *_ = enqueue(3)
    DBTaskResult.objects.filter(pk=oldest.id).update(
        enqueued_at=timezone.now() - timedelta(hours=1)
    )
    # Not waiting: a retry deferred to later, a task running, one done.
    send_email.using(run_after=timezone.now() + timedelta(minutes=5)).enqueue("a", "b", ["c@d.e"])
    running, failed = enqueue(2)
    DBTaskResult.objects.filter(pk=running.id).update(status="RUNNING")
    DBTaskResult.objects.filter(pk=failed.id).update(status="FAILED")
    with django_assert_max_num_queries(2):  # SELECT 1, and the backlog
        report = client.get("/healthz").json()
    assert report["tasks_waiting"] == 3
    assert 3590 <= report["oldest_task_waiting_seconds"] <= 3700


def test_a_long_queue_is_reported_not_failed(client, queue, monkeypatch):
    monkeypatch.setattr(middleware, "BACKLOG_COUNT_LIMIT", 5)
    enqueue(8)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["tasks_waiting"] == ">=5"
    assert response.json()["oldest_task_waiting_seconds"] >= 0


def test_no_backlog_is_reported_where_tasks_run_at_once(client):
    # The suite's immediate backend has no queue: the report is as it always was.
    assert client.get("/healthz").json() == {"database": "ok", "cache": "ok"}
