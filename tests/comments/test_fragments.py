"""The rendered comments are kept between renders, and never outlive a change to them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

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
