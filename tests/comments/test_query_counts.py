from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.budgets import ARTICLE as BUDGET
from tests.conftest import warm_site_wide_caches
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def discussion(article, threads: int, replies_each: int) -> None:
    for _ in range(threads):
        top = CommentFactory(article=article)
        parent = top
        for depth in range(replies_each):
            parent = CommentFactory(article=article, parent=parent if depth < 2 else top)


def queries_for(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_with_200_threaded_comments_stays_within_budget(
    client, section, django_assert_max_num_queries
):
    article = ArticleFactory(section=section)
    discussion(article, threads=50, replies_each=3)
    assert article.comments.count() == 200
    cache.clear()
    warm_site_wide_caches(client)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(article.get_absolute_url())
    assert response.text.count('class="comment"') == 20 * 4  # one page of threads


def test_comment_queries_do_not_grow_with_the_discussion(client, section):
    quiet, busy = ArticleFactory(section=section), ArticleFactory(section=section)
    discussion(quiet, threads=2, replies_each=1)
    discussion(busy, threads=60, replies_each=3)
    assert queries_for(client, quiet.get_absolute_url()) == queries_for(
        client, busy.get_absolute_url()
    )
