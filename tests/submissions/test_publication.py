"""A story's article goes public: the story is marked published and its contributor told, once."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from articles.models import Article
from submissions import publishing
from submissions.models import Submission
from tests.submissions.conftest import CHANGELIST
from tests.submissions.factories import SubmissionFactory, newsroom_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(desk_user, django_capture_on_commit_callbacks):
    submission = SubmissionFactory(
        title="سوق الحي", email="salma@example.com", origin="https://dima.example", photos=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = publishing.submission_to_draft(submission, user=desk_user)
    mail.outbox.clear()
    return submission, article


def publish(article, when, callbacks) -> None:
    article.status = Article.Status.PUBLISHED
    article.published_at = when
    with callbacks(execute=True):
        article.save()


def test_publishing_the_draft_marks_the_story_and_emails_its_contributor(
    drafted, django_capture_on_commit_callbacks
):
    submission, article = drafted
    publish(article, timezone.now() - timedelta(minutes=1), django_capture_on_commit_callbacks)

    submission.refresh_from_db()
    assert submission.state == Submission.State.PUBLISHED
    assert submission.decided_at is not None
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["salma@example.com"]
    assert "https://dima.example" + article.get_absolute_url() in email.body
    assert "سوق الحي" in email.body

    with django_capture_on_commit_callbacks(execute=True):
        assert publishing.mark_published() == 0
        article.save()  # saved again while public
    assert len(mail.outbox) == 1


def test_saving_the_draft_unpublished_changes_nothing(drafted, django_capture_on_commit_callbacks):
    submission, article = drafted
    article.title = "سوق الحي القديم"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.save()
    assert publishing.mark_published not in callbacks  # nothing to do for a draft
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.REVIEW
    assert mail.outbox == []


def test_a_scheduled_article_marks_the_story_when_its_time_has_come(
    drafted, django_capture_on_commit_callbacks
):
    submission, article = drafted
    publish(article, timezone.now() + timedelta(hours=2), django_capture_on_commit_callbacks)
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.REVIEW
    with django_capture_on_commit_callbacks(execute=True):
        assert publishing.mark_published() == 0
    assert mail.outbox == []

    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        with django_capture_on_commit_callbacks(execute=True):
            assert publishing.mark_published() == 1
            assert publishing.mark_published() == 0
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.PUBLISHED
    assert len(mail.outbox) == 1


def test_a_story_without_email_is_marked_without_mail(
    desk_user, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(email="")
    article = publishing.submission_to_draft(submission, user=desk_user)
    publish(article, timezone.now() - timedelta(minutes=1), django_capture_on_commit_callbacks)
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.PUBLISHED
    assert mail.outbox == []


def test_the_scheduled_task_marks_published_stories(drafted, django_capture_on_commit_callbacks):
    from submissions.tasks import mark_published

    submission, article = drafted
    Article.objects.filter(pk=article.pk).update(  # as a bulk action does: no signal
        status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        mark_published.enqueue()
    assert Submission.objects.get(pk=submission.pk).state == Submission.State.PUBLISHED
    assert len(mail.outbox) == 1


def test_declining_with_a_note_stores_it(client, desk_user):
    client.force_login(desk_user)
    stories = SubmissionFactory.create_batch(2)
    published = SubmissionFactory(state=Submission.State.PUBLISHED)
    selected = [s.pk for s in [*stories, published]]

    page = client.post(CHANGELIST, {"action": "decline", "_selected_action": selected})
    assert page.status_code == 200
    assert 'name="note"' in page.text and stories[0].title in page.text
    assert not Submission.objects.filter(state=Submission.State.DECLINED).exists()

    response = client.post(
        CHANGELIST,
        {
            "action": "decline",
            "_selected_action": selected,
            "post": "yes",
            "note": "  شكرا، لكن القصة خارج اهتمامنا.  ",
        },
    )
    assert response.status_code == 302
    declined = Submission.objects.filter(state=Submission.State.DECLINED)
    assert set(declined.values_list("pk", flat=True)) == {s.pk for s in stories}
    assert {s.editor_note for s in declined} == {"شكرا، لكن القصة خارج اهتمامنا."}
    assert all(s.decided_at is not None for s in declined)
    assert Submission.objects.get(pk=published.pk).state == Submission.State.PUBLISHED


def test_a_note_too_long_is_refused_with_the_page_again(client, desk_user):
    client.force_login(desk_user)
    story = SubmissionFactory()
    response = client.post(
        CHANGELIST,
        {"action": "decline", "_selected_action": [story.pk], "post": "yes", "note": "x" * 2001},
    )
    assert response.status_code == 200
    assert 'name="note"' in response.text
    assert Submission.objects.get().state == Submission.State.RECEIVED


def test_marking_under_review(client, desk_user):
    client.force_login(desk_user)
    story = SubmissionFactory()
    response = client.post(CHANGELIST, {"action": "mark_review", "_selected_action": [story.pk]})
    assert response.status_code == 302
    assert Submission.objects.get().state == Submission.State.REVIEW


def test_the_article_admins_bulk_publish_tells_the_contributor_at_once(
    drafted, client, django_user_model, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Permission

    submission, article = drafted
    desk = newsroom_editor(django_user_model, "chief")
    desk.user_permissions.add(Permission.objects.get(codename="publish_article"))
    client.force_login(desk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish", "_selected_action": [article.pk], "index": 0},
        )
    submission.refresh_from_db()
    assert submission.state == Submission.State.PUBLISHED
    assert [m.to for m in mail.outbox] == [["salma@example.com"]]
