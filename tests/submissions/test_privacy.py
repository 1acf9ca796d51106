"""What a contributor's story must never give away: the private link, their name before
publication, their address in the task table, or the form as a way to mail anyone."""

import pytest

from bench.nginx_server import free_port
from submissions.links import status_path
from submissions.models import Submission
from submissions.publishing import submission_to_draft
from tests.mailservers import RefusingInbox, SMTPServer
from tests.submissions.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def test_the_private_page_never_loads_analytics(client, settings):
    settings.MATOMO_URL = "https://stats.dima.test/"
    page = client.get(status_path(SubmissionFactory()))
    assert "data-matomo-url" not in page.text
    assert "data-matomo-url" in client.get("/صوتكم/").text  # the public form page has it


def test_the_contributors_author_page_appears_only_with_a_public_article(client, desk_user):
    submission = SubmissionFactory(name="سلمى بناني", photos=1)
    article = submission_to_draft(submission, user=desk_user)
    author = article.authors.get()
    assert client.get(author.get_absolute_url()).status_code == 404
    article.status = article.Status.PUBLISHED
    article.save()
    assert "سلمى بناني" in client.get(author.get_absolute_url()).text


def test_a_story_akismet_takes_for_spam_sends_no_receipt(
    post_story, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from comments.spam import _client
    from tests.comments.test_akismet import AkismetSaysSpam

    settings.AKISMET_API_KEY = "test-key"
    settings.AKISMET_CLIENT = f"{AkismetSaysSpam.__module__}.AkismetSaysSpam"
    _client.cache_clear()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            post_story(email="victim@example.com", title="اربح مليون درهم الآن من هنا")
    finally:
        _client.cache_clear()
    assert Submission.objects.get().likely_spam
    assert not [m for m in mailoutbox if m.to == ["victim@example.com"]]


def test_the_receipt_quotes_nothing_the_sender_wrote(
    post_story, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_story(title="اربح مليون درهم الآن من هنا", email="victim@example.com")
    [receipt] = [m for m in mailoutbox if m.to == ["victim@example.com"]]
    assert "مليون" not in receipt.subject + receipt.body


def test_an_address_the_mail_server_refuses_is_not_retried_nor_written_anywhere(settings, caplog):
    """The task ends quietly: no exception (whose message would name the address) reaches
    the task's record, and a refused mailbox is not tried again and again."""
    from submissions.tasks import email_receipt

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    port = free_port()
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 10
    submission = SubmissionFactory(email="someone@nowhere.example")
    with SMTPServer(port, RefusingInbox("nowhere.example")) as inbox:
        email_receipt.call(submission.pk)
    assert inbox.messages == []
    assert "nowhere.example" not in caplog.text
    assert "refused a contributor's address" in caplog.text
