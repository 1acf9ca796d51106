"""The privacy notice's retention rules: what is deleted or erased, and when."""

from datetime import timedelta

from django.utils import timezone

import pytest

from submissions.models import Submission, SubmissionPhoto
from submissions.publishing import apply_retention
from tests.submissions.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def test_old_declined_stories_go_with_their_photo_files(
    settings, django_capture_on_commit_callbacks
):
    settings.SUBMISSIONS_DECLINED_DAYS = 30
    old = SubmissionFactory(state="declined", decided_at=days_ago(31), photos=2)
    recent = SubmissionFactory(state="declined", decided_at=days_ago(29), photos=1)
    received = SubmissionFactory(created_at=days_ago(400), photos=1)
    old_files = [photo.image for photo in old.photos.all()]

    with django_capture_on_commit_callbacks(execute=True):
        counts = apply_retention()

    assert counts["declined_deleted"] == 1
    assert set(Submission.objects.values_list("pk", flat=True)) == {recent.pk, received.pk}
    for file in old_files:
        assert not file.storage.exists(file.name)
    for photo in SubmissionPhoto.objects.all():
        assert photo.image.storage.exists(photo.image.name)


def test_contact_details_are_erased_after_publication_keeping_the_name(
    settings, django_capture_on_commit_callbacks
):
    settings.SUBMISSIONS_CONTACT_DAYS = 90
    old = SubmissionFactory(state="published", decided_at=days_ago(91), name="سلمى")
    recent = SubmissionFactory(state="published", decided_at=days_ago(89))
    in_review = SubmissionFactory(state="review", created_at=days_ago(200))

    with django_capture_on_commit_callbacks(execute=True):
        counts = apply_retention()

    assert counts["contacts_erased"] == 1
    old.refresh_from_db()
    assert (old.email, old.phone, old.name) == ("", "", "سلمى")
    assert old.contact_erased_at is not None
    for kept in (recent, in_review):
        kept.refresh_from_db()
        assert kept.email and kept.phone and kept.contact_erased_at is None
    assert apply_retention()["contacts_erased"] == 0  # once only


def test_addresses_are_erased_after_the_ip_retention_period(settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 30
    old = SubmissionFactory(created_at=days_ago(31))
    recent = SubmissionFactory(created_at=days_ago(1))

    assert apply_retention()["ips_erased"] == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.ip_address is None and old.ip_hash == ""
    assert recent.ip_address == "203.0.113.7" and recent.ip_hash
    assert apply_retention()["ips_erased"] == 0


def test_the_scheduled_task_applies_the_rules(settings, django_capture_on_commit_callbacks):
    from submissions.tasks import apply_retention as retention_task

    SubmissionFactory(state="declined", decided_at=days_ago(365))
    with django_capture_on_commit_callbacks(execute=True):
        retention_task.enqueue()
    assert not Submission.objects.exists()


def test_deleting_a_story_in_admin_removes_its_photo_files(
    client, django_user_model, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.submissions.factories import newsroom_editor

    client.force_login(newsroom_editor(django_user_model))
    story = SubmissionFactory(photos=2)
    files = [photo.image for photo in story.photos.all()]
    url = reverse("admin:submissions_submission_delete", args=[story.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Submission.objects.exists()
    for file in files:
        assert not file.storage.exists(file.name)
