"""Akismet, when configured, through the akismet package's own offline test clients."""

from django.core import mail

import akismet
import httpx
import pytest

from comments.models import Comment
from comments.spam import _client

pytestmark = pytest.mark.django_db


class AkismetSaysSpam(akismet.TestSyncClient):
    comment_check_response = akismet.CheckResponse.SPAM


class AkismetSaysHam(akismet.TestSyncClient):
    comment_check_response = akismet.CheckResponse.HAM


class AkismetUnreachable(akismet.SyncClient):
    def __init__(self, config=None, http_client=None):
        def refuse(request):
            raise httpx.ConnectError("no route to rest.akismet.com", request=request)

        super().__init__(
            config=config, http_client=httpx.Client(transport=httpx.MockTransport(refuse))
        )


@pytest.fixture
def akismet_with(settings):
    def configure(client_class) -> None:
        settings.AKISMET_API_KEY = "test-key"
        settings.AKISMET_CLIENT = f"{__name__}.{client_class.__name__}"
        _client.cache_clear()

    yield configure
    _client.cache_clear()


def test_without_a_key_akismet_is_never_asked(article, post_comment, settings, caplog):
    settings.AKISMET_CLIENT = f"{__name__}.AkismetUnreachable"  # would log a warning if asked
    post_comment(article)
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert "Akismet" not in caplog.text


def test_comment_akismet_calls_spam_is_kept_as_spam_for_editors(
    article, post_comment, akismet_with, editor, django_capture_on_commit_callbacks
):
    akismet_with(AkismetSaysSpam)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(article, follow=True)
    assert Comment.objects.get().status == Comment.Status.SPAM
    assert "تعليقك بانتظار المراجعة" in response.text  # nothing tells a spammer
    assert mail.outbox == []  # editors are not mailed about spam


def test_comment_akismet_calls_ham_follows_the_usual_rules(article, post_comment, akismet_with):
    akismet_with(AkismetSaysHam)
    post_comment(article)
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_unreachable_akismet_loses_no_comment(article, post_comment, akismet_with, caplog):
    akismet_with(AkismetUnreachable)
    assert post_comment(article).status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert "Akismet could not check a comment" in caplog.text
