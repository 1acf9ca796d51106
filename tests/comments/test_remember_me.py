""" "Remember me" is a functional cookie: it works only for readers who allowed that group."""

import json

import pytest

from comments.remember import REMEMBER_COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def allow_functional(client):
    client.post("/cookies/save/", {"groups": ["functional"]})


def remembered(client) -> dict:
    return json.loads(client.get("/cookies/status/").content)["commenter"]


def test_ticking_remember_me_saves_the_commenter_in_a_signed_cookie(
    client, article, post_comment, allow_functional
):
    response = post_comment(article, remember="on", url="https://salma.example")
    cookie = response.cookies[REMEMBER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "salma@example.com" not in cookie.value  # signed and encoded, not readable text
    assert remembered(client) == {
        "name": "سلمى",
        "email": "salma@example.com",
        "url": "https://salma.example",
    }


def test_the_article_page_never_carries_the_remembered_commenter(
    client, article, post_comment, allow_functional
):
    """The page may come from a shared cache: the details arrive through /cookies/status/."""
    post_comment(article, remember="on")
    html = client.get(article.get_absolute_url()).text
    assert "salma@example.com" not in html and 'value="سلمى"' not in html


def test_remember_me_silently_does_nothing_without_consent(client, article, post_comment):
    client.post("/cookies/decline/")
    response = post_comment(article, remember="on")
    assert response.status_code == 302  # the comment itself went through
    assert REMEMBER_COOKIE not in response.cookies
    assert remembered(client) == {}


def test_remember_me_does_nothing_before_the_reader_has_chosen(client, article, post_comment):
    response = post_comment(article, remember="on")
    assert REMEMBER_COOKIE not in response.cookies


def test_without_remember_me_no_cookie_is_set(article, post_comment, allow_functional):
    response = post_comment(article)
    assert REMEMBER_COOKIE not in response.cookies


def test_unticking_remember_me_forgets_the_commenter(
    client, article, post_comment, allow_functional
):
    post_comment(article, remember="on")
    from comments.models import Comment

    Comment.objects.update(created_at="2020-01-01T00:00:00Z")
    response = post_comment(article, body="تعليق آخر")
    assert response.cookies[REMEMBER_COOKIE].value == ""
    assert remembered(client) == {}


def test_a_forged_remember_cookie_is_ignored(client, article, allow_functional):
    client.cookies[REMEMBER_COOKIE] = "eyJuYW1lIjoiaGFja2VyIn0:forged"
    assert remembered(client) == {}
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "hacker" not in response.text


def test_the_remembered_commenter_is_sent_only_while_functional_cookies_are_allowed(
    client, article, post_comment, allow_functional
):
    """The status endpoint checks consent itself: a remember cookie the browser kept after
    the reader withdrew (however it survived) is never read back to fill the form."""
    post_comment(article, remember="on")
    kept = client.cookies[REMEMBER_COOKIE].value
    assert remembered(client)["name"] == "سلمى"
    client.post("/cookies/save/", {"groups": ["analytics"]})
    client.cookies[REMEMBER_COOKIE] = kept
    assert remembered(client) == {}
