"""Comments written elsewhere (the demo's discussion, WordPress), and the count bookkeeping."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from comments.services import (
    ImportedComment,
    comment_counts_change,
    comments_import,
)
from tests.factories import ArticleFactory

WRITTEN = datetime(2022, 5, 27, 13, 0, tzinfo=UTC)


def imported(article, parent=None, n=0) -> Comment:
    """One approved comment from elsewhere, replying to `parent` (stored before) if given."""
    comment = ImportedComment(
        key=str(n),
        parent_key="parent" if parent else None,
        name="عبد الرحيم",
        email=f"reader{n}@example.com",
        url="",
        body=f"رأي رقم {n}",
        created_at=WRITTEN,
        status=Comment.Status.APPROVED,
    )
    stored = {"parent": parent} if parent else None
    return comments_import(article=article, comments=[comment], stored=stored)[str(n)]


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


def from_elsewhere(key, parent=None, *, status=Comment.Status.APPROVED, minutes=0, **fields):
    values = {
        "name": "قارئ",
        "email": f"reader{key}@example.com",
        "url": "",
        "body": f"تعليق رقم {key}",
        "ip_address": "198.51.100.7",
    }
    values.update(fields)
    return ImportedComment(
        key=str(key),
        parent_key=str(parent) if parent else None,
        created_at=WRITTEN + timedelta(minutes=minutes),
        status=status,
        **values,
    )


def test_imported_threads_are_rebuilt_from_parent_keys_in_any_order(article):
    # A reply listed before its parent still finds it.
    new = comments_import(
        article=article,
        comments=[from_elsewhere(3, parent=2), from_elsewhere(2, parent=1), from_elsewhere(1)],
    )
    top, reply, deeper = new["1"], new["2"], new["3"]
    assert (top.parent_id, top.depth) == (None, 0)
    assert (reply.parent_id, reply.thread_id, reply.depth) == (top.pk, top.pk, 1)
    assert (deeper.parent_id, deeper.thread_id, deeper.depth) == (reply.pk, top.pk, 2)


def test_replies_deeper_than_allowed_hang_under_the_deepest_allowed_level(article, settings):
    settings.COMMENTS_MAX_DEPTH = 3
    chain = [from_elsewhere(1)] + [from_elsewhere(n, parent=n - 1) for n in range(2, 7)]
    new = comments_import(article=article, comments=chain)
    assert [new[str(n)].depth for n in range(1, 7)] == [0, 1, 2, 2, 2, 2]
    assert {new[str(n)].parent_id for n in range(3, 7)} == {new["2"].pk}


def test_imported_comments_keep_their_dates_and_statuses_and_the_count_is_exact(article):
    comments_import(
        article=article,
        comments=[
            from_elsewhere(1, minutes=5),
            from_elsewhere(2, status=Comment.Status.PENDING, minutes=9),
            from_elsewhere(3, parent=1, minutes=30),
        ],
    )
    article.refresh_from_db()
    assert article.comment_count == 2
    dates = dict(Comment.objects.values_list("email", "created_at"))
    assert dates["reader2@example.com"] == WRITTEN + timedelta(minutes=9)
    assert Comment.objects.get(email="reader2@example.com").status == Comment.Status.PENDING


def test_a_parent_imported_earlier_is_found_among_the_stored(article):
    first = comments_import(article=article, comments=[from_elsewhere(1)])
    later = comments_import(
        article=article, comments=[from_elsewhere(2, parent=1)], stored={"1": first["1"]}
    )
    assert later["2"].parent_id == first["1"].pk
    article.refresh_from_db()
    assert article.comment_count == 2


def test_a_reply_to_a_comment_not_imported_starts_its_own_thread(article):
    new = comments_import(article=article, comments=[from_elsewhere(5, parent=99)])
    assert (new["5"].parent_id, new["5"].depth) == (None, 0)


def test_parents_in_a_circle_lose_no_comment(article):
    new = comments_import(
        article=article, comments=[from_elsewhere(1, parent=2), from_elsewhere(2, parent=1)]
    )
    assert set(new) == {"1", "2"}


def test_the_same_comment_twice_is_stored_once(article):
    twice = [from_elsewhere(1), from_elsewhere(2, email="reader1@example.com", body="تعليق رقم 1")]
    new = comments_import(article=article, comments=twice)
    assert list(new) == ["1"]
    assert Comment.objects.count() == 1


def test_an_ip_address_past_the_retention_period_is_not_kept(article, settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 30
    recent = ImportedComment(**{**from_elsewhere(2).__dict__, "created_at": timezone.now()})
    new = comments_import(article=article, comments=[from_elsewhere(1), recent])
    assert new["1"].ip_address is None and new["1"].ip_hash == ""
    assert new["2"].ip_address == "198.51.100.7" and new["2"].ip_hash


def test_importing_a_discussion_costs_one_insert_per_depth_not_per_comment(
    article, django_assert_max_num_queries
):
    many = [from_elsewhere(n) for n in range(1, 40)]
    many += [from_elsewhere(n, parent=n - 39) for n in range(40, 80)]
    with django_assert_max_num_queries(12):
        comments_import(article=article, comments=many)
    assert Comment.objects.count() == 79
