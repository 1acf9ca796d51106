"""«الأكثر قراءة»: the most read of the last 24 hours, on the home page and beside articles."""

import re
import time
from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone

import pytest

from articles.models import Article
from readership.counting import counter
from readership.services import most_read
from tests import budgets
from tests.conftest import warm_site_wide_caches
from tests.factories import ArticleFactory, DraftFactory

pytestmark = pytest.mark.django_db


def read(article, times, hours_ago=0):
    moment = timezone.now() - timedelta(hours=hours_ago)
    for _ in range(times):
        counter().record(article.pk, moment)


def most_read_titles(html: str) -> list[str]:
    block = re.search(r'<section class="most-read".*?</section>', html, re.S)
    if block is None:
        return []
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', block[0])


def test_the_most_read_are_ordered_by_their_views_in_the_last_24_hours(any_counting):
    a, b, c, yesterday, older = ArticleFactory.create_batch(5)
    read(a, 2)
    read(a, 2, hours_ago=23)  # still inside the window: 4 in all
    read(b, 5, hours_ago=3)
    read(c, 1)
    read(yesterday, 50, hours_ago=24)  # an hour too old
    read(older, 50, hours_ago=30)
    read(c, 10, hours_ago=25)
    assert most_read() == [b, a, c]


def test_at_most_the_configured_number_are_shown(any_counting, settings):
    settings.READERSHIP_TOP = 2
    articles = ArticleFactory.create_batch(4)
    for times, article in enumerate(articles, start=1):
        read(article, times)
    assert most_read() == [articles[3], articles[2]]


def test_an_article_taken_down_leaves_the_list_at_once(
    any_counting, django_capture_on_commit_callbacks
):
    a, b = ArticleFactory.create_batch(2)
    read(a, 10)
    read(b, 5)
    assert most_read() == [a, b]
    with django_capture_on_commit_callbacks(execute=True):
        a.status = Article.Status.DRAFT
        a.save()  # moves `related` on: the kept list is not used again
    assert most_read() == [b]


def test_the_list_is_worked_out_at_most_once_a_minute(
    any_counting, settings, django_assert_num_queries
):
    settings.READERSHIP_TOP_SECONDS = 1  # a minute, shortened
    a, b = ArticleFactory.create_batch(2)
    read(a, 2)
    assert most_read() == [a]
    read(b, 5)
    with django_assert_num_queries(0):
        assert most_read() == [a]
    time.sleep(1.1)
    assert most_read() == [b, a]


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "kept"])
def test_the_block_costs_one_query_cold_and_none_once_kept(
    any_counting, django_assert_num_queries, warm
):
    articles = ArticleFactory.create_batch(7, image=None)
    for times, article in enumerate(articles, start=1):
        read(article, times)
    if warm:
        most_read(6)  # what the block asks for: five, and one more in case it shows the page's
    with django_assert_num_queries(0 if warm else 1):
        html = render_to_string("readership/most_read.html", {})
    assert most_read_titles(html) == [article.title for article in reversed(articles)][:5]


def test_the_home_page_shows_the_most_read_as_a_ranked_list_of_compact_cards(client, any_counting):
    a, b, c = ArticleFactory.create_batch(3)
    read(a, 1)
    read(b, 3)
    read(c, 2)
    html = client.get("/").content.decode()
    assert most_read_titles(html) == [b.title, c.title, a.title]
    block = re.search(r'<section class="most-read".*?</section>', html, re.S)[0]
    assert 'aria-labelledby="most-read-heading"' in block
    assert '<ol class="most-read__list">' in block
    ranks = re.findall(r'<span class="most-read__rank" aria-hidden="true">(\d+)</span>', block)
    assert ranks == ["1", "2", "3"]
    assert block.count("card card--compact") == 3
    assert "readership.js" not in html  # home is not an article: nothing to count


def test_the_heading_is_in_arabic(client, any_counting):
    """Passes once the lead has compiled the translations (notes/tr-readership.py)."""
    read(ArticleFactory(), 1)
    html = client.get("/").content.decode()
    assert '<h2 id="most-read-heading" class="block-title">الأكثر قراءة</h2>' in html


def test_nothing_read_shows_no_block(client, any_counting):
    ArticleFactory.create_batch(2)
    html = client.get("/").content.decode()
    assert "most-read" not in html


def test_beside_an_article_the_block_leaves_it_out_and_the_page_counts_its_view(
    client, any_counting
):
    a, b, c = ArticleFactory.create_batch(3)
    read(a, 5)
    read(b, 3)
    read(c, 1)
    html = client.get(a.get_absolute_url()).content.decode()
    assert most_read_titles(html) == [b.title, c.title]
    scripts = re.findall(r"<script[^>]*readership\.js[^>]*></script>", html)
    assert scripts == [
        f'<script src="/static/js/readership.js" data-beacon="/r/view/{a.pk}/" defer></script>'
    ]


def test_a_drafts_preview_is_not_counted(client, editor, any_counting):
    draft = DraftFactory()
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "readership.js" not in response.content.decode()


def test_a_french_article_page_uses_the_same_beacon_address(client, any_counting):
    article = ArticleFactory()
    html = client.get("/fr" + article.get_absolute_url()).content.decode()
    assert f'data-beacon="/r/view/{article.pk}/"' in html


@pytest.fixture
def busy_site(any_counting):
    lead = ArticleFactory()
    articles = ArticleFactory.create_batch(8)
    for times, article in enumerate([lead, *articles], start=1):
        read(article, times)
    return lead


@pytest.mark.parametrize(("page", "budget"), [("home", budgets.HOME), ("article", budgets.ARTICLE)])
def test_pages_with_the_block_cost_one_query_more_cold_and_none_more_once_kept(
    client, busy_site, django_assert_max_num_queries, page, budget
):
    url = "/" if page == "home" else busy_site.get_absolute_url()
    warm_site_wide_caches(client)
    with django_assert_max_num_queries(budget + 1):
        first = client.get(url)
    assert most_read_titles(first.content.decode())
    with django_assert_max_num_queries(budget):
        again = client.get(url)  # the page rendered again (no page cache), the list kept
    assert most_read_titles(again.content.decode()) == most_read_titles(first.content.decode())
