"""The view beacon: counts a reader's view of a public article, keeps nothing about them."""

from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from readership.models import ArticleViews
from tests.factories import ArticleFactory, DraftFactory, ScheduledFactory
from tests.readership.conftest import BROWSER

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"


def beacon(client, article_id, user_agent=BROWSER, **extra):
    if user_agent is not None:
        extra["HTTP_USER_AGENT"] = user_agent
    return client.post(f"/r/view/{article_id}/", REMOTE_ADDR=IP, **extra)


def counted(redis_client=None) -> dict[int, int]:
    """Views per article id, as the active backend holds them."""
    from readership.counting import counter

    if redis_client is None:
        rows = ArticleViews.objects.values_list("article_id", "count")
        totals: dict[int, int] = {}
        for pk, number in rows:
            totals[pk] = totals.get(pk, 0) + number
        return totals
    from django.utils import timezone

    return {pk: number for pk, _hour, number in counter().hours(timezone.now(), 2)}


def assert_no_cookie_and_never_cached(response):
    assert response.status_code == 204
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "no-store" in response["Cache-Control"]
    assert response.content == b""
    assert "X-Page-Cache" not in response


def test_a_view_counts_in_the_database_with_no_cookie_and_nothing_personal(
    client, database_counting
):
    article = ArticleFactory()
    response = beacon(client, article.pk, HTTP_X_FORWARDED_FOR=IP)
    assert_no_cookie_and_never_cached(response)
    assert not client.cookies
    assert counted() == {article.pk: 1}
    # What a row can hold: the article, an hour and a number.
    columns = {
        column.name
        for column in connection.introspection.get_table_description(
            connection.cursor(), ArticleViews._meta.db_table
        )
    }
    assert columns == {"id", "article_id", "hour", "count"}
    row = ArticleViews.objects.get()
    assert (row.hour.minute, row.hour.second, row.hour.microsecond) == (0, 0, 0)
    assert not Session.objects.exists()


def test_a_view_counts_in_redis_with_no_cookie_and_nothing_personal(client, redis_counting):
    from django.conf import settings

    article = ArticleFactory()
    response = beacon(client, article.pk)
    assert_no_cookie_and_never_cached(response)
    assert not client.cookies
    assert counted(redis_counting) == {article.pk: 1}
    view_keys = list(redis_counting.scan_iter(match=f"{settings.READERSHIP_REDIS_PREFIX}:*"))
    assert len(view_keys) == 1
    (key,) = view_keys
    assert key.decode().rsplit(":", 1)[1].isdigit()  # the hour, YYYYMMDDHH
    assert redis_counting.zrange(key, 0, -1, withscores=True) == [(str(article.pk).encode(), 1.0)]
    assert 0 < redis_counting.ttl(key) <= 25 * 3600
    # Nothing anywhere in this test's keys names the reader.
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    for name in redis_counting.scan_iter(match=f"{prefix}*"):
        dumped = redis_counting.dump(name) or b""
        for personal in (IP.encode(), b"Android", b"Mozilla"):
            assert personal not in name and personal not in dumped
    assert not ArticleViews.objects.exists()  # copied later, by the task


def test_each_view_counts(client, any_counting):
    article = ArticleFactory()
    for _ in range(3):
        beacon(client, article.pk)
    assert counted(any_counting) == {article.pk: 3}


def test_the_beacon_needs_no_csrf_token_and_sets_no_csrf_cookie(database_counting):
    client = Client(enforce_csrf_checks=True)
    article = ArticleFactory()
    response = beacon(client, article.pk)
    assert_no_cookie_and_never_cached(response)
    assert counted() == {article.pk: 1}


def test_a_page_cache_in_front_never_keeps_the_beacon(client, database_counting, settings):
    settings.PAGE_CACHE = True
    article = ArticleFactory()
    for _ in range(2):
        assert_no_cookie_and_never_cached(beacon(client, article.pk))
    assert counted() == {article.pk: 2}


@pytest.mark.parametrize("method", ["get", "head", "put", "delete", "options"])
def test_the_beacon_answers_post_only(client, database_counting, method):
    article = ArticleFactory()
    response = getattr(client, method)(f"/r/view/{article.pk}/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 405
    assert "X-Page-Cache" not in response
    assert counted() == {}


@pytest.mark.parametrize(
    "user_agent",
    [
        None,
        "",
        "   ",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
        "Baiduspider+(+http://www.baidu.com/search/spider.htm)",
        "CCBot/2.0 (crawler)",
        "python-requests/2.32.3",
        "curl/8.5.0",
    ],
)
def test_robots_and_requests_without_a_user_agent_are_not_counted(client, any_counting, user_agent):
    article = ArticleFactory()
    response = beacon(client, article.pk, user_agent=user_agent)
    assert response.status_code == 204
    assert counted(any_counting) == {}


@pytest.mark.parametrize("kind", ["draft", "scheduled", "missing", "zero", "bigint + 1", "huge"])
def test_only_public_articles_count(client, any_counting, kind):
    article = ArticleFactory()  # public, never viewed here
    article_id = {
        "draft": lambda: DraftFactory().pk,
        "scheduled": lambda: ScheduledFactory().pk,
        "missing": lambda: article.pk + 1000,
        "zero": lambda: 0,
        "bigint + 1": lambda: 2**63,
        "huge": lambda: int("9" * 400),
    }[kind]()
    response = beacon(client, article_id)
    assert response.status_code == 204
    assert counted(any_counting) == {}


@pytest.mark.parametrize(
    "path",
    [
        "/r/view/-1/",
        "/r/view/abc/",
        "/r/view/١٢/",  # Arabic-Indic digits
        "/r/view/1%00/",
        "/r/view/1%E2%80%AE/",  # a bidi override
        "/r/view/%3Cscript%3E/",
        "/r/view/1/extra/",
        "/r/view/" + "1" * 5000 + "/",
    ],
)
def test_hostile_addresses_get_a_4xx_and_count_nothing(client, database_counting, path):
    ArticleFactory()
    response = client.post(path, HTTP_USER_AGENT=BROWSER)
    assert 400 <= response.status_code < 500 or response.status_code == 204
    assert counted() == {}


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(segment=st.text(min_size=1, max_size=40), user_agent=st.text(max_size=200))
def test_no_address_or_user_agent_makes_the_beacon_fail(
    client, database_counting, segment, user_agent
):
    from urllib.parse import quote

    response = client.post(
        f"/r/view/{quote(segment, safe='')}/",
        HTTP_USER_AGENT=user_agent.replace("\x00", ""),
    )
    assert response.status_code < 500
