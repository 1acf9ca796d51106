""" "Remember me" asks for consent in the comment view itself, not only at the cookie guard.

consent.middleware.CookieConsentMiddleware drops an unconsented cookie on its way out anyway, so
with it in place a view that ignored consent would go unnoticed. These tests post through the
real views with that guard taken out: only comments.remember stands between the tick and the
cookie.
"""

import pytest

from comments.remember import REMEMBER_COOKIE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def without_the_cookie_guard(settings):
    kept = [name for name in settings.MIDDLEWARE if not name.endswith(".CookieConsentMiddleware")]
    assert len(kept) == len(settings.MIDDLEWARE) - 1  # the guard is found under its name
    settings.MIDDLEWARE = kept


def test_remember_me_sets_no_cookie_for_a_reader_who_declined(client, article, post_comment):
    client.post("/cookies/decline/")
    response = post_comment(article, remember="on")
    assert response.status_code == 302  # the comment itself went through
    assert REMEMBER_COOKIE not in response.cookies


def test_remember_me_sets_no_cookie_for_a_reader_who_has_not_chosen(article, post_comment):
    response = post_comment(article, remember="on")
    assert response.status_code == 302
    assert REMEMBER_COOKIE not in response.cookies


def test_remember_me_sets_no_cookie_when_only_analytics_are_allowed(client, article, post_comment):
    client.post("/cookies/save/", {"groups": ["analytics"]})
    response = post_comment(article, remember="on")
    assert response.status_code == 302
    assert REMEMBER_COOKIE not in response.cookies


def test_remember_me_sets_the_cookie_once_functional_cookies_are_allowed(
    client, article, post_comment
):
    client.post("/cookies/save/", {"groups": ["functional"]})
    response = post_comment(article, remember="on")
    assert response.status_code == 302
    assert response.cookies[REMEMBER_COOKIE].value
