"""Replies nest under their comment to a configurable depth, with and without JavaScript."""

import pytest

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def test_reply_link_opens_the_form_as_a_reply_without_javascript(client, article):
    comment = CommentFactory(article=article, name="يوسف")
    html = client.get(article.get_absolute_url(), {"replytocom": comment.pk}).text
    assert f'href="?replytocom={comment.pk}#respond"' in html
    assert "رد على يوسف" in html
    assert f'name="parent" value="{comment.pk}"' in html


def test_reply_is_stored_in_the_thread_and_shown_under_its_parent(client, article, post_comment):
    parent = CommentFactory(article=article, body="التعليق الأصلي")
    CommentFactory(
        article=article, name="سلمى", email="salma@example.com", created_at="2020-01-01T00:00Z"
    )
    post_comment(article, body="هذا رد", parent=parent.pk)
    reply = Comment.objects.get(body="هذا رد")
    assert (reply.parent, reply.thread, reply.depth) == (parent, parent, 1)
    html = client.get(article.get_absolute_url()).text
    thread = html[html.index(f'id="comment-{parent.pk}"') :]
    assert thread.index("التعليق الأصلي") < thread.index('class="comment-replies"')
    assert thread.index('class="comment-replies"') < thread.index("هذا رد")


def test_replies_stop_nesting_at_the_configured_depth(settings, article, post_comment):
    settings.COMMENTS_MAX_DEPTH = 3
    top = CommentFactory(article=article)
    second = CommentFactory(article=article, parent=top)
    third = CommentFactory(article=article, parent=second)
    assert third.depth == 2
    post_comment(article, body="رد على الأعمق", parent=third.pk)
    deepest = Comment.objects.get(body="رد على الأعمق")
    assert deepest.depth == 2
    assert deepest.parent == second  # beside the comment it answers, in the same thread


@pytest.mark.parametrize("parent_kind", ["pending", "other-article", "missing"])
def test_reply_to_an_unavailable_comment_is_refused(article, post_comment, section, parent_kind):
    if parent_kind == "pending":
        parent_pk = CommentFactory(article=article, status="pending").pk
    elif parent_kind == "other-article":
        parent_pk = CommentFactory(article=ArticleFactory(section=section)).pk
    else:
        parent_pk = 10**9
    response = post_comment(article, parent=parent_pk, body="رد")
    assert response.status_code == 400
    assert "التعليق الذي ترد عليه غير متاح." in response.text
    assert not Comment.objects.filter(body="رد").exists()


def test_javascript_moves_the_form_but_is_not_needed(client, article):
    CommentFactory(article=article)
    html = client.get(article.get_absolute_url()).text
    assert 'src="/static/js/comments.js" defer' in html
    assert f'method="post" action="/comments/{article.pk}/post/#respond"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_pending_and_spam_comments_are_not_public(client, article):
    CommentFactory(article=article, status="pending", body="ينتظر")
    CommentFactory(article=article, status="spam", body="إشهار كازينو")
    html = client.get(article.get_absolute_url()).text
    assert "ينتظر" not in html
    assert "إشهار كازينو" not in html
    assert "لا تعليقات بعد" in html


def test_long_discussions_paginate_by_thread(settings, client, article):
    settings.COMMENTS_PER_PAGE = 5
    comments = [CommentFactory(article=article, body=f"رأي {n}") for n in range(7)]
    first = client.get(article.get_absolute_url()).text
    second = client.get(article.get_absolute_url(), {"comments-page": 2}).text
    assert "رأي 6" in first and "رأي 2" in first and "رأي 1<" not in first
    assert "رأي 1" in second and "رأي 0" in second and "رأي 6" not in second
    assert 'href="?comments-page=2#comments"' in first
    assert len(comments) == 7


@pytest.mark.parametrize("page", ["0", "-1", "abc", "٢", "99", "99999999999999999999", "9" * 5000])
def test_odd_comment_page_numbers_do_not_break_the_article(client, article, page):
    CommentFactory(article=article)
    response = client.get(article.get_absolute_url(), {"comments-page": page, "replytocom": page})
    assert response.status_code == 200
