"""The RQ backend (TASKS_BACKEND=rq, for larger sites): a reader's comment queues its task in
Redis, and a real `rqworker` runs it and the email it sends."""

import os
import subprocess
import sys

import pytest
import redis

from bench.nginx_server import free_port
from comments.models import Comment
from tests.mailservers import SMTPServer
from tests.workers import ROOT, process_env, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

RQ_URL = os.environ.get("RQ_TEST_URL", "redis://127.0.0.1:6379/10")


@pytest.fixture
def rq_queue(settings, editor):
    connection = redis.Redis.from_url(RQ_URL, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip(f"the RQ tests need Redis at {RQ_URL} (RQ_TEST_URL)")
    connection.flushdb()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.RQ_QUEUES = {"default": {"URL": RQ_URL}}
    editor.email = "editor@example.com"
    editor.save()
    yield connection
    connection.flushdb()


def test_a_comment_task_waits_in_redis_and_a_real_rq_worker_sends_its_email(
    rq_queue, client, article, post_comment, tmp_path
):
    assert post_comment(article).status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING
    report = client.get("/healthz").json()
    assert report["tasks_waiting"] == 1  # the backlog, read from Redis
    assert report["oldest_task_waiting_seconds"] is not None

    port = free_port()
    log = tmp_path / "rqworker.log"
    env = process_env(TASKS_BACKEND="rq", RQ_URL=RQ_URL, EMAIL_URL=f"smtp://127.0.0.1:{port}")
    with SMTPServer(port) as inbox, log.open("wb") as out:
        # `make serve`'s worker command, with --burst: run what is queued (the notification,
        # then the email it queues), then stop.
        worker = subprocess.run(  # noqa: S603 (our own manage.py)
            [sys.executable, "manage.py", "task_worker", "--burst"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=out,
            timeout=60,
        )
        assert worker.returncode == 0, log.read_text()
        [message] = wait_for(lambda: inbox.messages, what="the email", log=log)
    assert "مقال للنقاش" in message["Subject"]
    assert message["To"] == "editor@example.com"
    assert client.get("/healthz").json()["tasks_waiting"] == 0


def test_with_the_queue_down_the_comment_is_stored_and_the_reader_is_answered(
    settings, article, post_comment
):
    """A Redis that refuses (RQ backend) costs the editors' email, not the reader's comment."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.RQ_QUEUES = {"default": {"URL": f"redis://127.0.0.1:{free_port()}/0"}}
    response = post_comment(article)
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING
