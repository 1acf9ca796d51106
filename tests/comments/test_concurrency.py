"""Readers posting at the same moment: every comment lands once and the count stays exact."""

import threading

from django.db import connection

import pytest

from articles.models import Article
from comments.models import Comment
from comments.services import comment_submit, comments_set_status
from tests.factories import ArticleFactory, CommentFactory, SectionFactory

WRITERS = 8


def run_together(target, count: int) -> list:
    """Run `target(i)` in `count` threads released at once; return their results or errors."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(i: int) -> None:
        try:
            barrier.wait()
            results[i] = target(i)
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_comments_all_land_and_are_counted():
    article = ArticleFactory(section=SectionFactory())
    for i in range(WRITERS):  # every writer is a known reader: published at once
        CommentFactory(
            article=article,
            name=f"قارئ {i}",
            email=f"r{i}@example.com",
            created_at="2020-01-01T00:00:00Z",
        )

    def post(i: int):
        return comment_submit(
            article=article,
            parent=None,
            name=f"قارئ {i}",
            email=f"r{i}@example.com",
            url="",
            body=f"تعليق متزامن {i}",
            ip=f"198.51.100.{i}",
        )

    results = run_together(post, WRITERS)
    assert not [r for r in results if isinstance(r, Exception)]
    assert Comment.objects.filter(body__startswith="تعليق متزامن").count() == WRITERS
    assert Article.objects.get(pk=article.pk).comment_count == 2 * WRITERS


@pytest.mark.django_db(transaction=True)
def test_the_same_comment_sent_concurrently_is_stored_once():
    article = ArticleFactory(section=SectionFactory())

    def post(_i: int):
        return comment_submit(
            article=article,
            parent=None,
            name="سلمى",
            email="salma@example.com",
            url="",
            body="نقرتان على الزر",
            ip="203.0.113.7",
        )

    results = run_together(post, 4)
    assert not [r for r in results if isinstance(r, Exception)]
    assert Comment.objects.count() == 1
    assert len({r.comment.pk for r in results}) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_count_each_comment_once():
    article = ArticleFactory(section=SectionFactory())
    pending = [CommentFactory(article=article, status="pending") for _ in range(WRITERS)]
    ids = [c.pk for c in pending]

    results = run_together(lambda i: comments_set_status(ids, Comment.Status.APPROVED), 4)
    assert not [r for r in results if isinstance(r, Exception)]
    assert Article.objects.get(pk=article.pk).comment_count == WRITERS
