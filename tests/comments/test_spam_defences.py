"""Honeypot, signed timestamp, links and word lists: refused or held, and always said so."""

import time

import pytest

from comments.forms import form_token
from comments.models import Comment, ModerationWord
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_reader(article):
    """Salma already has an approved comment, so hers are published at once unless held."""
    return CommentFactory(
        article=article, name="سلمى", email="salma@example.com", created_at="2020-01-01T00:00:00Z"
    )


def test_filled_honeypot_is_refused_with_a_message(article, post_comment):
    response = post_comment(article, honeypot="http://spam.example")
    assert response.status_code == 400
    assert "يجب ترك هذا الحقل فارغاً." in response.text
    assert not Comment.objects.exists()


def test_form_sent_faster_than_a_person_writes_is_refused(settings, article, post_comment):
    settings.COMMENTS_MIN_SECONDS = 3
    response = post_comment(article)
    assert response.status_code == 400
    assert "أسرع مما يكتب أي إنسان" in response.text
    assert not Comment.objects.exists()


def test_expired_form_is_refused_and_its_text_kept(article, post_comment):
    stale = form_token(article.pk, issued_at=time.time() - 3 * 24 * 3600)
    response = post_comment(article, token=stale, body="نص سيبقى")
    assert response.status_code == 400
    assert "انتهت صلاحية النموذج" in response.text
    assert "نص سيبقى</textarea>" in response.text
    assert 'name="token" value="' in response.text  # a fresh token to send it again


def test_resent_expired_form_goes_through_with_its_fresh_token(client, article, post_comment):
    import re

    stale = form_token(article.pk, issued_at=time.time() - 3 * 24 * 3600)
    refused = post_comment(article, token=stale)
    fresh = re.search(r'name="token" value="([^"]+)"', refused.text)[1]
    assert post_comment(article, token=fresh).status_code == 302


@pytest.mark.parametrize("token", ["", "forged", form_token(10**9)[:-2] + "xx"])
def test_forged_token_is_refused(article, post_comment, token):
    response = post_comment(article, token=token)
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_token_of_another_article_is_refused(article, post_comment, section):
    other = ArticleFactory(section=section)
    response = post_comment(article, token=form_token(other.pk, issued_at=time.time() - 60))
    assert response.status_code == 400
    assert "هذا النموذج خاص بمقال آخر." in response.text


def test_two_links_hold_a_known_readers_comment(article, post_comment, known_reader):
    post_comment(article, body="انظر https://a.example و www.b.example")
    assert Comment.objects.get(body__startswith="انظر").status == Comment.Status.PENDING


def test_one_link_does_not_hold_a_known_readers_comment(article, post_comment, known_reader):
    post_comment(article, body="المصدر: https://a.example")
    assert Comment.objects.get(body__startswith="المصدر").status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    ("listed", "field", "written"),
    [
        ("قمار", "body", "ربح سريع في القِمـــار"),
        ("كأس", "body", "كاس مجانية"),
        ("casino", "url", "https://CASINO.example"),
        ("إعلان", "name", "اعلان"),
        ("spam", "email", "SPAM.lover@example.com"),
    ],
)
def test_moderation_word_holds_however_it_is_written(
    article, post_comment, known_reader, listed, field, written
):
    if field == "email":
        CommentFactory(
            article=article, name="سلمى", email=written.lower(), created_at="2020-01-01T00:00:00Z"
        )
    if field == "name":  # known under that name too: only the word can hold it
        CommentFactory(
            article=article, name=written, email="salma@example.com", created_at="2020-01-01T00:00Z"
        )
    ModerationWord.objects.create(word=listed, action=ModerationWord.Action.HOLD)
    defaults = {"body": "تعليق عادي", "name": "سلمى", "email": "salma@example.com", "url": ""}
    response = post_comment(article, **{**defaults, field: written})
    assert response.status_code == 302
    assert Comment.objects.latest().status == Comment.Status.PENDING


def test_refused_word_refuses_the_comment_with_a_message(article, post_comment):
    ModerationWord.objects.create(word="كلمة ممنوعة", action=ModerationWord.Action.REFUSE)
    response = post_comment(article, body="هذه كَلِمة مَمنوعة هنا")
    assert response.status_code == 400
    assert "يحتوي هذا التعليق على كلمات غير مسموح بها" in response.text
    assert not Comment.objects.exists()
