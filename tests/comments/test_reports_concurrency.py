"""Readers reporting at the same moment: each reader counts once, the comment moves once."""

import pytest

from articles.models import Article
from comments.models import Comment, CommentReport
from comments.services import comment_report
from tests.comments.test_concurrency import run_together
from tests.factories import ArticleFactory, CommentFactory, SectionFactory

READERS = 8

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_readers_send_a_comment_back_once_and_every_count_stays_exact(settings):
    settings.COMMENTS_REPORTS_TO_MODERATION = 3
    article = ArticleFactory(section=SectionFactory())
    comment = CommentFactory(article=article)
    CommentFactory(article=article)

    results = run_together(
        lambda i: comment_report(comment_id=comment.pk, ip=f"198.51.100.{i}"), READERS
    )
    counted = [r for r in results if not isinstance(r, Exception)]
    errors = [r for r in results if isinstance(r, Exception)]
    # The first three are counted, the third of them moves the comment; later ones find it
    # no longer shown (the view answers 404).
    assert len(counted) == 3
    assert [r.held for r in counted].count(True) == 1
    assert all(isinstance(e, Comment.DoesNotExist) for e in errors), errors
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == ("pending", 3)
    assert CommentReport.objects.count() == 3
    assert Article.objects.get(pk=article.pk).comment_count == 1


def test_one_reader_reporting_concurrently_counts_once():
    comment = CommentFactory(article=ArticleFactory(section=SectionFactory()))

    results = run_together(
        lambda i: comment_report(comment_id=comment.pk, ip="198.51.100.7"), READERS
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert [r.counted for r in results].count(True) == 1
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == ("approved", 1)
    assert CommentReport.objects.count() == 1


def test_reports_and_an_editors_dismissal_at_once_leave_the_count_equal_to_live_reports(
    settings,
):
    from comments.services import comment_reports_dismiss

    settings.COMMENTS_REPORTS_TO_MODERATION = 100
    comment = CommentFactory(article=ArticleFactory(section=SectionFactory()))
    comment_report(comment_id=comment.pk, ip="198.51.100.200")

    def act(i: int):
        if i == 0:
            return comment_reports_dismiss([comment.pk])
        return comment_report(comment_id=comment.pk, ip=f"198.51.100.{i}")

    results = run_together(act, 5)
    assert not [r for r in results if isinstance(r, Exception)]
    comment.refresh_from_db()
    live = CommentReport.objects.filter(comment=comment, dismissed_at=None).count()
    assert comment.report_count == live
