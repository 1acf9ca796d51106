"""A reader posts through "اترك رد": what is stored, what the reader sees, and what is refused."""

from datetime import UTC, datetime

from django.core import mail

import pytest

from articles.models import Article
from comments.models import Comment
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def test_article_page_shows_the_leave_a_reply_form(client, article):
    html = client.get(article.get_absolute_url()).text
    assert "اترك رد" in html
    for field in ["body", "name", "email", "url", "remember", "token"]:
        assert f'name="{field}"' in html
    assert "احفظ اسمي وبريدي الإلكتروني وموقعي في هذا المتصفح لاستخدامها في المرة المقبلة" in html
    assert "09-08" in html  # the privacy notice names the law
    assert "يُمحى عنوان IP بعد 30 يوماً" in html and "ما دام التعليق منشوراً" in html


def test_new_commenter_waits_for_moderation(client, article, post_comment):
    response = post_comment(article, follow=True)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert response.redirect_chain[-1] == (f"{article.get_absolute_url()}#comments", 302)
    assert "تعليقك بانتظار المراجعة" in response.text
    assert "مقال مفيد، شكراً." not in response.text.split('id="comments"')[1].split("respond")[0]
    article.refresh_from_db()
    assert article.comment_count == 0


def test_commenter_with_an_approved_comment_is_published_at_once(client, article, post_comment):
    CommentFactory(article=article, name="سلمى", email="salma@example.com", created_at=LONG_AGO)
    response = post_comment(article, body="رأي ثانٍ", email="Salma@Example.com")
    comment = Comment.objects.get(body="رأي ثانٍ")
    assert comment.status == Comment.Status.APPROVED
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    article.refresh_from_db()
    assert article.comment_count == 2
    page = client.get(article.get_absolute_url()).text
    assert "رأي ثانٍ" in page
    assert "تعليقان" in page


def test_auto_approval_can_be_turned_off(settings, article, post_comment):
    settings.COMMENTS_AUTO_APPROVE_KNOWN = False
    CommentFactory(article=article, name="سلمى", email="salma@example.com", created_at=LONG_AGO)
    post_comment(article, body="رأي ثانٍ")
    assert Comment.objects.get(body="رأي ثانٍ").status == Comment.Status.PENDING


def test_pending_comment_emails_the_editors(
    article, post_comment, editor, django_user_model, django_capture_on_commit_callbacks
):
    editor.email = "editor@example.com"
    editor.save()
    django_user_model.objects.create_user("reader", email="reader@example.com", is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@example.com"]
    assert "مقال للنقاش" in message.subject
    assert "\n" not in message.subject
    assert "مقال مفيد، شكراً." in message.body


def test_same_form_sent_twice_stores_one_comment(client, article, comment_data):
    data = comment_data(article)
    first = client.post(f"/comments/{article.pk}/post/", data, REMOTE_ADDR="203.0.113.7")
    second = client.post(f"/comments/{article.pk}/post/", data, REMOTE_ADDR="203.0.113.7")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Comment.objects.count() == 1


def test_same_text_long_after_is_refused_as_duplicate(article, post_comment):
    post_comment(article)
    Comment.objects.update(created_at="2020-01-01T00:00:00Z")
    response = post_comment(article)
    assert response.status_code == 400
    assert "تعليق مكرر: يبدو أنك قلت ذلك من قبل." in response.text
    assert Comment.objects.count() == 1


def test_a_second_comment_within_the_flood_interval_is_refused(article, post_comment):
    post_comment(article, body="الأول")
    by_email = post_comment(article, body="الثاني", remote_addr="198.51.100.1")
    by_address = post_comment(article, body="الثالث", email="other@example.com")
    for response in (by_email, by_address):
        assert response.status_code == 400
        assert "أنت ترسل التعليقات بسرعة كبيرة" in response.text
    assert list(Comment.objects.values_list("body", flat=True)) == ["الأول"]


def test_after_the_flood_interval_the_reader_may_comment_again(article, post_comment):
    post_comment(article, body="الأول")
    Comment.objects.update(created_at="2020-01-01T00:00:00Z")
    assert post_comment(article, body="الثاني").status_code == 302


def test_refused_comment_is_shown_again_in_the_form(article, post_comment):
    post_comment(article, body="الأول")
    response = post_comment(article, body="نص طويل لا يجب أن يضيع <b>أبداً</b>")
    assert response.status_code == 400
    assert "نص طويل لا يجب أن يضيع &lt;b&gt;أبداً&lt;/b&gt;</textarea>" in response.text
    assert 'value="سلمى"' in response.text


def test_closed_article_shows_no_form_and_refuses_posts(client, article, comment_data):
    data = comment_data(article)
    Article.objects.filter(pk=article.pk).update(comments_open=False)
    html = client.get(article.get_absolute_url()).text
    assert "التعليقات مغلقة على هذا المقال." in html
    assert 'name="body"' not in html
    response = client.post(f"/comments/{article.pk}/post/", data)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_comments_close_by_themselves_after_the_configured_days(settings, client, article):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    Article.objects.filter(pk=article.pk).update(published_at="2022-05-27T10:00:00Z")
    assert "التعليقات مغلقة على هذا المقال." in client.get(article.get_absolute_url()).text


def test_comments_on_unpublished_articles_are_404(client, article, comment_data):
    data = comment_data(article)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert client.post(f"/comments/{article.pk}/post/", data).status_code == 404


def test_get_on_the_post_address_is_not_allowed(client, article):
    assert client.get(f"/comments/{article.pk}/post/").status_code == 405
