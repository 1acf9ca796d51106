"""The strip costs no query on a cached page, and at most one on a page rendered afresh."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from breaking.services import strip_items
from pagecache.dependencies import SITE, version_key
from pagecache.versions import current_version
from tests import budgets
from tests.breaking.conftest import strip_of
from tests.conftest import warm_site_wide_caches

pytestmark = pytest.mark.django_db


def forget_kept_items() -> None:
    cache.delete(f"page:kept:breaking:items:{current_version(version_key(SITE))}")


def queries_of(client, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_the_items_are_read_once_per_version_of_the_site(story, mark, django_assert_num_queries):
    mark(story)
    with django_assert_num_queries(1):
        assert [item.article_pk for item in strip_items()] == [story.pk]
    with django_assert_num_queries(0):
        assert [item.article_pk for item in strip_items()] == [story.pk]


@pytest.mark.parametrize("kind", ["home", "article", "section"])
def test_a_page_rendered_afresh_pays_at_most_one_query_for_the_strip(client, story, mark, kind):
    mark(story)
    address = {
        "home": "/",
        "article": story.get_absolute_url(),
        "section": story.section.get_absolute_url(),
    }[kind]
    warm_site_wide_caches(client)
    client.get(address)  # what else the page keeps (a list's count...) is kept from now on
    warm = queries_of(client, address)
    forget_kept_items()
    cold = queries_of(client, address)
    assert cold - warm == 1
    budget = {"home": budgets.HOME, "article": budgets.ARTICLE, "section": budgets.SECTION}[kind]
    assert warm <= budget


def test_a_cached_page_with_the_strip_costs_no_query(
    client, story, mark, settings, django_assert_num_queries
):
    settings.PAGE_CACHE = True
    mark(story)
    client.get("/")
    with django_assert_num_queries(0):
        response = client.get("/")
    assert response["X-Page-Cache"] == "hit" and strip_of(response.text) is not None


def breaking_queries_of_saving(article, **fields) -> int:
    for name, value in fields.items():
        setattr(article, name, value)
    with CaptureQueriesContext(connection) as queries:
        article.save()
    return sum("breaking_breaking" in query["sql"] for query in queries)


def test_saving_an_article_asks_about_the_strip_only_when_what_it_shows_changed(story, mark):
    mark(story)
    assert breaking_queries_of_saving(story, body="<p>نص جديد.</p>") == 0
    assert breaking_queries_of_saving(story, title="عنوان جديد") == 1
    assert breaking_queries_of_saving(story, status=story.Status.DRAFT) == 1
