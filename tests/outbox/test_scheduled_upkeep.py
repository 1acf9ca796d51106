"""The retention rules run by themselves: the worker and the scheduler of `make serve`'s
Procfile, and nobody running a command."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from comments.models import Comment
from comments.services import hash_ip
from consent.models import ConsentReceipt
from tests.factories import ArticleFactory, CommentFactory
from tests.workers import process_env, start_procfile, stop, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def receipt(age: timedelta) -> ConsentReceipt:
    made = ConsentReceipt.objects.create(
        choices={}, banner_sha256="0" * 64, language="ar", source="banner"
    )
    ConsentReceipt.objects.filter(pk=made.pk).update(created_at=timezone.now() - age)
    return made


def test_old_ip_addresses_and_receipts_are_erased_on_schedule_with_no_one_running_a_command(
    tmp_path, settings
):
    article = ArticleFactory()
    log = tmp_path / "procfile.log"
    # The schedule every second instead of daily; everything else as `make serve` runs it.
    env = process_env(TASKS_SCHEDULE_EVERY_SECONDS="1")
    processes = start_procfile(["worker", "scheduler"], env, log, tmp_path)
    try:
        # The first round (queued as the scheduler starts) is done ...
        wait_for(
            lambda: DBTaskResult.objects.filter(
                task_path="comments.tasks.prune_comment_ips", status=TaskResultStatus.SUCCESSFUL
            ).exists(),
            what="the first pruning",
            log=log,
        )
        # ... then a comment and a receipt past their retention periods appear.
        old_ip = "203.0.113.1"
        old = CommentFactory(
            article=article,
            ip_address=old_ip,
            ip_hash=hash_ip(old_ip),
            created_at=timezone.now() - timedelta(days=settings.COMMENTS_IP_RETENTION_DAYS + 1),
        )
        recent = CommentFactory(article=article, ip_address="203.0.113.2", ip_hash="f" * 64)
        stale_receipt = receipt(timedelta(days=settings.CONSENT_RECEIPT_DAYS + 1))
        fresh_receipt = receipt(timedelta(days=1))
        expired = Session.objects.create(
            session_key="expired", session_data="", expire_date=timezone.now() - timedelta(days=1)
        )
        live = Session.objects.create(
            session_key="live", session_data="", expire_date=timezone.now() + timedelta(days=1)
        )

        def erased():
            return Comment.objects.filter(pk=old.pk, ip_address=None, ip_hash="").exists()

        wait_for(erased, what="the old IP address to be erased", log=log)
        wait_for(
            lambda: not ConsentReceipt.objects.filter(pk=stale_receipt.pk).exists(),
            what="the old receipt to be deleted",
            log=log,
        )
        wait_for(
            lambda: not Session.objects.filter(pk=expired.pk).exists(),
            what="the expired session to be deleted",
            log=log,
        )
    finally:
        stop(processes)
    recent.refresh_from_db()
    assert recent.ip_address == "203.0.113.2" and recent.ip_hash == "f" * 64
    assert ConsentReceipt.objects.filter(pk=fresh_receipt.pk).exists()
    assert Session.objects.filter(pk=live.pk).exists()
    assert "scheduler" in log.read_text() and "worker" in log.read_text()
