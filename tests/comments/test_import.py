"""Comments stored already approved (the demo's discussion), and the one count bookkeeping."""

from datetime import UTC, datetime

from articles.models import Article
from comments.models import Comment
from comments.services import comment_counts_change, comment_import
from tests.factories import ArticleFactory

WRITTEN = datetime(2022, 5, 27, 13, 0, tzinfo=UTC)


def imported(article, parent=None, n=0) -> Comment:
    return comment_import(
        article=article,
        parent=parent,
        name="عبد الرحيم",
        email=f"reader{n}@example.com",
        body=f"رأي رقم {n}",
        created_at=WRITTEN,
    )


def test_an_imported_reply_takes_its_place_in_the_thread(article):
    top = imported(article)
    reply = imported(article, parent=top, n=1)
    deeper = imported(article, parent=reply, n=2)
    assert (top.thread_id, top.depth) == (None, 0)
    assert (reply.thread_id, reply.depth) == (top.pk, 1)
    assert (deeper.thread_id, deeper.depth) == (top.pk, 2)


def test_an_imported_comment_is_approved_dated_as_written_and_counted(article):
    comment = imported(article)
    comment.refresh_from_db()
    article.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.created_at == WRITTEN
    assert article.comment_count == 1


def test_articles_with_the_same_count_change_share_one_update(section, django_assert_num_queries):
    first, second, third, untouched = ArticleFactory.create_batch(4, section=section)
    Article.objects.update(comment_count=5)
    with django_assert_num_queries(2):
        comment_counts_change({first.pk: 2, second.pk: 2, third.pk: -1, untouched.pk: 0})
    counts = dict(Article.objects.values_list("pk", "comment_count"))
    assert [counts[a.pk] for a in (first, second, third, untouched)] == [7, 7, 4, 5]
