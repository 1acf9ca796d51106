"""The rendered comments are kept between renders, and never outlive a change to them."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import pytest

from comments.models import Comment
from comments.services import comments_set_status
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def comment_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum('FROM "comments_comment"' in query["sql"] for query in captured)


def test_an_article_rendered_again_reuses_its_comments(client, article):
    CommentFactory(article=article, body="تعليق محفوظ")
    url = article.get_absolute_url()
    assert comment_queries(client, url) == 2  # the page of threads, then their replies
    assert comment_queries(client, url) == 0
    assert "تعليق محفوظ" in client.get(url).text


def test_an_approved_comment_shows_at_once(client, article, django_capture_on_commit_callbacks):
    pending = CommentFactory(article=article, body="ينتظر المراجعة", status=Comment.Status.PENDING)
    assert "ينتظر المراجعة" not in client.get(article.get_absolute_url()).text
    with django_capture_on_commit_callbacks(execute=True):
        comments_set_status([pending.pk], Comment.Status.APPROVED)
    assert "ينتظر المراجعة" in client.get(article.get_absolute_url()).text


def test_an_edited_comment_shows_at_once(client, article, django_capture_on_commit_callbacks):
    comment = CommentFactory(article=article, body="نص أول")
    client.get(article.get_absolute_url())
    comment.body = "نص مصحح"
    with django_capture_on_commit_callbacks(execute=True):
        comment.save()
    assert "نص مصحح" in client.get(article.get_absolute_url()).text


def test_comments_on_another_article_leave_these_alone(
    client, article, section, django_capture_on_commit_callbacks
):
    CommentFactory(article=article)
    url = article.get_absolute_url()
    assert comment_queries(client, url) == 2
    other = ArticleFactory(section=section)
    with django_capture_on_commit_callbacks(execute=True):
        CommentFactory(article=other)
    assert comment_queries(client, url) == 0


def test_a_form_sent_back_with_its_errors_is_not_kept_for_other_readers(client, article):
    CommentFactory(article=article)
    response = client.post(
        reverse("comments:post", args=[article.pk]), {"body": "", "name": "قارئ مستعجل"}
    )
    assert response.status_code == 400
    assert "قارئ مستعجل" in response.text
    url = article.get_absolute_url()
    assert comment_queries(client, url) == 2  # rendered afresh: nothing of that reader kept
    assert "قارئ مستعجل" not in client.get(url).text


def test_the_notice_after_commenting_is_not_kept_for_other_readers(
    client, article, comment_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(
            reverse("comments:post", args=[article.pk]), comment_data(article), follow=True
        )
    assert 'class="messages"' in posted.text
    assert 'class="messages"' not in Client().get(article.get_absolute_url()).text


def test_each_language_keeps_its_own_copy(client, article):
    CommentFactory(article=article)
    arabic = article.get_absolute_url()
    assert comment_queries(client, arabic) == 2
    with translation.override("fr"):
        french = article.get_absolute_url()
    assert french.startswith("/fr/")
    assert comment_queries(client, french) == 2
    assert comment_queries(client, french) == 0
