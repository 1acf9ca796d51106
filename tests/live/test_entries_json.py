"""The entries' JSON a live page polls: what it says, that it is shared by every reader
(one render per change, whatever the number of polls) and never stale after a change."""

import json

from django.utils import timezone

import pytest

from articles.models import Article
from live.services import coverage_end, coverage_start, entry_add
from pagecache.dependencies import version_key
from pagecache.versions import current_version
from tests.factories import ArticleFactory, DraftFactory, ScheduledFactory

pytestmark = pytest.mark.django_db


def url(article) -> str:
    return f"/live/{article.pk}/entries.json"


def poll(client, article):
    response = client.get(url(article))
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_json_lists_entries_pinned_first_then_newest(client, live_article):
    data = poll(client, live_article)
    assert data["live"] is True
    assert data["ended_at"] is None
    assert data["complete"] is True
    texts = [entry["text"] for entry in data["entries"]]
    assert texts == ["أهلاً بكم في التغطية المباشرة.", "هدف أول للمنتخب!", "انطلاق المباراة."]
    first = data["entries"][1]
    entry = live_article.live_coverage.entries.get(pk=first["id"])
    assert set(first) == {
        "id",
        "time",
        "time_display",
        "text",
        "html",
        "image",
        "image_alt",
        "pinned",
    }
    assert first["time"] == timezone.localtime(entry.created_at).isoformat()
    assert first["time_display"] == timezone.localtime(entry.created_at).strftime("%H:%M")
    assert first["pinned"] is False and data["entries"][0]["pinned"] is True
    assert first["image"] is None
    assert f'id="live-{entry.pk}"' in first["html"] and "<time datetime=" in first["html"]
    assert data["updated"] == timezone.localtime(entry.created_at).isoformat()


def test_a_french_page_polls_the_french_json(client, live_article):
    html = client.get(f"/fr{live_article.get_absolute_url()}").content.decode()
    assert f'data-live-url="/fr/live/{live_article.pk}/entries.json"' in html
    assert client.get(f"/fr{url(live_article)}").status_code == 200


def test_hostile_text_is_escaped_in_the_entry_markup_and_in_the_json(client, live_article):
    entry_add(
        coverage=live_article.live_coverage,
        text='<script>alert("x")</script>\n\nسطر & <b>عريض</b>',
    )
    response = client.get(url(live_article))
    raw = response.content.decode()
    # Not even the raw bytes hold a tag: <, > and & are \u escapes.
    assert "<" not in raw and ">" not in raw and "&" not in raw
    newest = json.loads(raw)["entries"][1]
    assert newest["text"] == '<script>alert("x")</script>\n\nسطر & <b>عريض</b>'
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in newest["html"]
    assert "<p>سطر &amp; &lt;b&gt;عريض&lt;/b&gt;</p>" in newest["html"]
    assert "<script>" not in newest["html"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/json"


def test_bidi_controls_are_gone_from_what_readers_get(client, live_article):
    entry_add(coverage=live_article.live_coverage, text="نتيجة \u202e01-3\u202c المباراة\u200f")
    newest = poll(client, live_article)["entries"][1]
    assert "\u202e" not in newest["text"] and "\u202c" not in newest["text"]
    assert newest["text"] == "نتيجة 01-3 المباراة\u200f"  # the right-to-left mark is kept
    assert 'dir="auto"' in newest["html"]


def test_the_json_is_cacheable_by_browsers_and_shared_caches(client, live_article, settings):
    response = client.get(url(live_article))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=15", "s-maxage=15"}
    assert not response.cookies
    settings.LIVE_JSON_MAX_AGE = 5
    response = client.get(url(live_article))
    assert "max-age=5" in response["Cache-Control"]


def test_the_page_cache_leaves_the_json_alone(client, live_article, settings):
    settings.PAGE_CACHE = True
    response = client.get(url(live_article))
    assert "X-Page-Cache" not in response
    assert "max-age=15" in response["Cache-Control"]


def test_many_polls_cost_one_render(client, live_article, django_assert_num_queries):
    with django_assert_num_queries(2):  # the coverage, then its entries: once
        bodies = {client.get(url(live_article)).content for _ in range(25)}
    assert len(bodies) == 1


def test_an_editor_polling_gets_the_same_shared_answer(client, live_article, editor):
    first = client.get(url(live_article)).content
    client.force_login(editor)
    response = client.get(url(live_article))
    assert response.content == first
    assert "public" in response["Cache-Control"]


def test_the_next_poll_after_a_new_entry_shows_it(
    client, live_article, django_capture_on_commit_callbacks, django_assert_num_queries
):
    poll(client, live_article)
    with django_capture_on_commit_callbacks(execute=True):
        entry = entry_add(coverage=live_article.live_coverage, text="هدف ثانٍ!")
    with django_assert_num_queries(2):
        data = poll(client, live_article)
    assert data["entries"][1]["id"] == entry.pk
    with django_assert_num_queries(0):
        poll(client, live_article)


def test_the_next_poll_after_an_edit_or_a_deletion_shows_it(
    client, live_article, django_capture_on_commit_callbacks
):
    poll(client, live_article)
    entry = live_article.live_coverage.entries.get(text="انطلاق المباراة.")
    with django_capture_on_commit_callbacks(execute=True):
        entry.text = "انطلاق المباراة بتأخر عشر دقائق."
        entry.save()
    assert "انطلاق المباراة بتأخر عشر دقائق." in [
        e["text"] for e in poll(client, live_article)["entries"]
    ]
    with django_capture_on_commit_callbacks(execute=True):
        entry.delete()
    assert entry.pk not in [e["id"] for e in poll(client, live_article)["entries"]]


def test_an_entry_moves_its_articles_page_version_on(
    live_article, django_capture_on_commit_callbacks
):
    key = version_key(f"article:{live_article.pk}")
    before = current_version(key)
    with django_capture_on_commit_callbacks(execute=True):
        entry_add(coverage=live_article.live_coverage, text="جديد")
    assert current_version(key) != before


def test_the_cached_article_page_shows_a_new_entry(
    client, live_article, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    address = live_article.get_absolute_url()
    client.get(address)
    assert client.get(address)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        entry_add(coverage=live_article.live_coverage, text="ركلة جزاء!")
    response = client.get(address)
    assert response["X-Page-Cache"] == "miss"
    assert "ركلة جزاء!" in response.content.decode()


def test_ending_the_coverage_says_so_in_the_next_poll(
    client, live_article, django_capture_on_commit_callbacks
):
    assert poll(client, live_article)["live"] is True
    with django_capture_on_commit_callbacks(execute=True):
        coverage_end(coverage=live_article.live_coverage)
    data = poll(client, live_article)
    assert data["live"] is False
    assert data["ended_at"] == live_article.live_coverage.ended_at.isoformat()
    assert len(data["entries"]) == 3  # still listed


@pytest.mark.parametrize("factory", [DraftFactory, ScheduledFactory])
def test_no_json_for_an_article_readers_cannot_see(client, section, factory):
    article = factory(section=section)
    entry_add(coverage=coverage_start(article=article), text="سرّي")
    assert client.get(url(article)).status_code == 404


def test_no_json_without_coverage_or_article(client, section):
    article = ArticleFactory(section=section)
    assert client.get(url(article)).status_code == 404
    assert client.get("/live/999999/entries.json").status_code == 404
    assert client.get("/live/abc/entries.json", follow=True).status_code == 404


def test_unpublishing_the_article_takes_its_json_down(
    client, live_article, django_capture_on_commit_callbacks
):
    poll(client, live_article)
    with django_capture_on_commit_callbacks(execute=True):
        live_article.status = Article.Status.DRAFT
        live_article.save()
    assert client.get(url(live_article)).status_code == 404


def test_only_reading_is_allowed(client, live_article):
    assert client.post(url(live_article)).status_code == 405
    assert client.head(url(live_article)).status_code == 200


def test_a_poll_carries_the_first_fifty_entries_and_says_it_is_not_all(client, live_article):
    for n in range(60):
        entry_add(coverage=live_article.live_coverage, text=f"تحديث {n}")
    data = poll(client, live_article)
    assert data["complete"] is False
    assert len(data["entries"]) == 50
    assert data["entries"][0]["pinned"] is True


def test_entries_deleted_together_from_the_admin_leave_the_cached_page(
    client, live_article, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    address = live_article.get_absolute_url()
    client.get(address)
    assert client.get(address)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        live_article.live_coverage.entries.exclude(pinned=True).delete()
    response = client.get(address)
    assert response["X-Page-Cache"] == "miss"
    assert "هدف أول للمنتخب!" not in response.content.decode()


@pytest.mark.parametrize("article_id", ["9223372036854775808", "9" * 30])
def test_an_id_past_the_largest_gets_a_404(client, article_id):
    assert client.get(f"/live/{article_id}/entries.json", follow=True).status_code == 404
