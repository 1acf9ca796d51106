import pytest

from comments.remember import REMEMBER_COOKIE

pytestmark = pytest.mark.django_db


def test_ticking_remember_me_saves_the_commenter_in_a_signed_cookie(client, article, post_comment):
    response = post_comment(article, remember="on", url="https://salma.example")
    cookie = response.cookies[REMEMBER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "salma@example.com" not in cookie.value  # signed and encoded, not readable text
    html = client.get(article.get_absolute_url()).text
    assert 'value="سلمى"' in html
    assert 'value="salma@example.com"' in html
    assert 'value="https://salma.example"' in html
    assert 'name="remember" id="id_remember" checked' in html


def test_without_remember_me_no_cookie_is_set(article, post_comment):
    response = post_comment(article)
    assert REMEMBER_COOKIE not in response.cookies


def test_unticking_remember_me_forgets_the_commenter(client, article, post_comment):
    post_comment(article, remember="on")
    from comments.models import Comment

    Comment.objects.update(created_at="2020-01-01T00:00:00Z")
    response = post_comment(article, body="تعليق آخر")
    assert response.cookies[REMEMBER_COOKIE].value == ""
    assert 'value="سلمى"' not in client.get(article.get_absolute_url()).text


def test_a_forged_remember_cookie_is_ignored(client, article):
    client.cookies[REMEMBER_COOKIE] = "eyJuYW1lIjoiaGFja2VyIn0:forged"
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "hacker" not in response.text
