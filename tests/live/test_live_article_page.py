"""A live article's page: its entries rendered by the server, its notice, its JSON-LD, and
what it costs."""

import json
import re
from datetime import timedelta

from django.utils import timezone

import pytest

from live.services import coverage_end, entry_add
from tests import budgets
from tests.conftest import warm_site_wide_caches
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def json_ld_objects(html: str) -> list[dict]:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(script) for script in scripts]


def live_blog(html: str) -> dict:
    (found,) = [data for data in json_ld_objects(html) if data["@type"] == "LiveBlogPosting"]
    return found


def test_entries_are_in_the_page_pinned_first_then_newest_with_their_time(client, live_article):
    html = client.get(live_article.get_absolute_url()).content.decode()
    texts = re.findall(r'<div class="live-entry__text" dir="auto"><p>(.*?)</p>', html)
    assert texts == ["أهلاً بكم في التغطية المباشرة.", "هدف أول للمنتخب!", "انطلاق المباراة."]
    entry = live_article.live_coverage.entries.get(text="هدف أول للمنتخب!")
    assert f'id="live-{entry.pk}"' in html
    assert f'<time datetime="{timezone.localtime(entry.created_at).isoformat()}"' in html
    assert 'class="live-entry live-entry--pinned"' in html


def test_a_live_article_says_live_and_polls_for_entries(client, live_article):
    html = client.get(live_article.get_absolute_url()).content.decode()
    assert 'class="live-notice"' in html and "data-live-badge" in html
    assert f'data-live-url="/live/{live_article.pk}/entries.json"' in html
    assert 'data-poll-seconds="20"' in html
    assert "js/live.js" in html
    assert 'aria-live="polite"' in html
    # The list itself is not a live region: a new entry is announced, not every entry re-read.
    assert re.search(r"<ol[^>]*aria-live", html) is None
    assert 'id="live-messages"' in html


def test_the_poll_interval_is_a_setting_read_by_the_page(client, live_article, settings):
    settings.LIVE_POLL_SECONDS = 1
    html = client.get(live_article.get_absolute_url()).content.decode()
    assert 'data-poll-seconds="1"' in html


def test_ended_coverage_keeps_its_entries_and_stops_polling(client, live_article):
    coverage_end(coverage=live_article.live_coverage)
    html = client.get(live_article.get_absolute_url()).content.decode()
    assert "live-notice--ended" in html
    assert "data-live-url" not in html
    assert "js/live.js" not in html
    assert html.count('<li class="live-entry') == 3
    data = live_blog(html)
    assert data["coverageEndTime"] == live_article.live_coverage.ended_at.isoformat()


def test_an_article_without_coverage_shows_nothing_live(client, section):
    article = ArticleFactory(section=section)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "live-" not in html
    assert "LiveBlogPosting" not in html


def test_hostile_text_is_shown_as_text(client, live_article):
    entry_add(
        coverage=live_article.live_coverage,
        text='<script>alert("x")</script>\n\n<img src=x onerror=alert(1)> & "quotes"',
    )
    html = client.get(live_article.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    # In the JSON-LD the text cannot close its <script> either.
    data = live_blog(html)
    assert data["liveBlogUpdate"][1]["articleBody"].startswith('<script>alert("x")</script>')
    raw = html.split("LiveBlogPosting", 1)[1].split("</script>", 1)[0]
    assert "\\u003Cscript\\u003Ealert" in raw


def test_json_ld_is_a_live_blog_posting_with_each_entry_as_an_update(client, live_article):
    html = client.get(live_article.get_absolute_url()).content.decode()
    data = live_blog(html)
    # One object: the article's own, made a live blog, with its authors and publisher.
    assert len(json_ld_objects(html)) == 1
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["author"] and data["mainEntityOfPage"] == data["url"]
    coverage = live_article.live_coverage
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == live_article.title
    assert data["coverageStartTime"] == coverage.started_at.isoformat()
    assert "coverageEndTime" not in data
    updates = data["liveBlogUpdate"]
    assert [update["@type"] for update in updates] == ["BlogPosting"] * 3
    assert updates[1]["headline"] == "هدف أول للمنتخب!"
    assert updates[1]["articleBody"] == "هدف أول للمنتخب!"
    newest = coverage.entries.get(text="هدف أول للمنتخب!")
    assert updates[1]["datePublished"] == newest.created_at.isoformat()
    assert updates[1]["url"].endswith(f"{live_article.get_absolute_url()}#live-{newest.pk}")
    assert data["dateModified"] >= newest.created_at.isoformat()


def test_a_long_entry_gets_a_short_headline_and_its_whole_body(client, live_article):
    text = "كلمة " * 300
    entry_add(coverage=live_article.live_coverage, text=text.strip())
    data = live_blog(client.get(live_article.get_absolute_url()).content.decode())
    newest = data["liveBlogUpdate"][1]
    assert len(newest["headline"]) <= 110 and newest["headline"].endswith("…")
    assert newest["articleBody"] == text.strip()


def test_a_draft_with_coverage_shows_staff_its_entries_without_polling(client, editor, section):
    draft = ArticleFactory(section=section, status="draft")
    from live.services import coverage_start

    entry_add(coverage=coverage_start(article=draft), text="مسودة")
    client.force_login(editor)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "مسودة" in html
    assert "data-live-url" not in html


def test_last_updated_is_the_newest_entry(client, live_article):
    newest = live_article.live_coverage.entries.order_by("-created_at").first()
    html = client.get(live_article.get_absolute_url()).content.decode()
    notice = html.split('class="live-notice"', 1)[1].split("</p>", 1)[0]
    assert f'datetime="{timezone.localtime(newest.created_at).isoformat()}"' in notice


# -- Queries ---------------------------------------------------------------------------------


def test_a_live_article_page_stays_within_budget(
    client, live_article, django_assert_max_num_queries
):
    for n in range(20):  # however many entries
        entry_add(
            coverage=live_article.live_coverage,
            text=f"تحديث رقم {n}",
            created_at=timezone.now() - timedelta(seconds=n),
        )
    warm_site_wide_caches(client)
    # The coverage and its entries: two queries.
    with django_assert_max_num_queries(budgets.ARTICLE + 2):
        response = client.get(live_article.get_absolute_url())
    assert response.content.decode().count('<li class="live-entry') == 23


def test_coverage_costs_one_query_on_an_article_without_it(client, section):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = ArticleFactory(section=section)
    warm_site_wide_caches(client)
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())
    live_queries = [q["sql"] for q in queries.captured_queries if "live_" in q["sql"]]
    assert len(live_queries) == 1


def test_an_article_read_with_its_coverage_joined_costs_no_more_query_unless_live(
    live_article, section, django_assert_num_queries
):
    from articles.models import Article
    from live.templatetags.live import live_coverage

    plain = ArticleFactory(section=section)
    joined = Article.objects.select_related("live_coverage")
    article = joined.get(pk=plain.pk)
    with django_assert_num_queries(0):
        assert live_coverage(article) is None
    article = joined.get(pk=live_article.pk)
    with django_assert_num_queries(1):  # its entries
        coverage = live_coverage(article)
        assert len(coverage.entries_for_readers) == 3
    with django_assert_num_queries(0):
        assert live_coverage(article) is coverage
