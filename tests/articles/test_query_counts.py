"""Every reader page runs a fixed number of queries, however many articles, tags or authors."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests import budgets
from tests.conftest import warm_site_wide_caches
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def build_newsroom(articles_per_section: int) -> dict:
    sections = [SectionFactory(name=f"قسم {n}") for n in range(4)]
    tags = [TagFactory(name=f"وسم {n}") for n in range(6)]
    authors = [AuthorFactory() for _ in range(3)]
    articles = [
        ArticleFactory(
            section=section,
            tags=tags[: 1 + n % 6],
            bylines=[(authors[n % 3], "صوتكم"), (authors[(n + 1) % 3], "")],
        )
        for section in sections
        for n in range(articles_per_section)
    ]
    return {"section": sections[0], "tag": tags[0], "author": authors[0], "article": articles[0]}


def page_url(page: str, newsroom: dict) -> str:
    return "/" if page == "home" else newsroom[page].get_absolute_url()


BUDGETS = {
    "home": budgets.HOME,
    "article": budgets.ARTICLE,
    "section": budgets.SECTION,
    "tag": budgets.TAG,
    "author": budgets.AUTHOR,
}
PAGES = list(BUDGETS)


@pytest.mark.parametrize("page", PAGES)
def test_page_stays_within_its_query_budget(client, django_assert_max_num_queries, page):
    newsroom = build_newsroom(articles_per_section=15)
    warm_site_wide_caches(client)
    with django_assert_max_num_queries(BUDGETS[page]):
        assert client.get(page_url(page, newsroom)).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_the_archive(client, page):
    def count_queries(url: str) -> int:
        cache.clear()  # both requests start with an empty section-menu cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count_queries(page_url(page, build_newsroom(articles_per_section=2)))
    big_newsroom = build_newsroom(articles_per_section=20)
    assert count_queries(page_url(page, big_newsroom)) == small


def test_editor_preview_adds_only_the_session_and_user_queries(
    client, editor, django_assert_max_num_queries
):
    newsroom = build_newsroom(articles_per_section=5)
    client.force_login(editor)
    warm_site_wide_caches(client)
    with django_assert_max_num_queries(budgets.ARTICLE + budgets.EDITOR_SESSION):
        response = client.get(newsroom["article"].get_absolute_url())
    assert response.status_code == 200
