"""bench/make_data.py: a realistic archive, consistent with what save() would write."""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Max, Min, Q

import pytest

from articles.models import Article, Author, Byline, Section, Tag
from bench.archive import MakeBenchData
from comments.models import Comment
from search.indexing import index_article
from search.models import SearchEntry

pytestmark = pytest.mark.django_db

ARTICLES, COMMENTS = 30, 200


def make_bench_data(**options) -> str:
    out = StringIO()
    call_command(
        MakeBenchData(), stdout=out, **{"articles": ARTICLES, "comments": COMMENTS, **options}
    )
    return out.getvalue()


@pytest.fixture
def bench(seed_like_article):
    """The seed article is there already (load_demo is tested once, below: it is slow)."""
    make_bench_data()
    return Article.objects.filter(slug__startswith="bench-")


def test_sizes_are_the_ones_asked_for(bench, seed_like_article):
    assert bench.count() == ARTICLES
    assert Comment.objects.filter(article__in=bench).count() == COMMENTS
    assert Section.objects.count() == 8
    assert Author.objects.count() >= 200
    assert Tag.objects.count() >= 500
    assert seed_like_article.comments.approved().count() == 50


def test_every_article_has_one_or_two_bylines_and_some_tags(bench):
    counts = bench.annotate(
        bylines_n=Count("bylines", distinct=True), tags_n=Count("tags", distinct=True)
    ).aggregate(Min("bylines_n"), Max("bylines_n"), Min("tags_n"), Max("tags_n"))
    assert (counts["bylines_n__min"], counts["bylines_n__max"]) >= (1, 1)
    assert counts["bylines_n__max"] <= 2
    assert 2 <= counts["tags_n__min"] <= counts["tags_n__max"] <= 4
    assert set(Byline.objects.filter(article__in=bench).values_list("position", flat=True)) <= {
        0,
        1,
    }


def test_comment_count_is_the_number_of_approved_comments(bench):
    articles = Article.objects.annotate(
        approved=Count("comments", filter=Q(comments__status=Comment.Status.APPROVED))
    )
    assert [(a.pk, a.comment_count) for a in articles] == [(a.pk, a.approved) for a in articles]
    hottest = max(a.comment_count for a in bench)
    assert hottest > 2 * COMMENTS / ARTICLES  # a few hot articles, most with few


def test_replies_hang_in_their_thread(bench):
    replies = Comment.objects.exclude(parent=None).select_related("parent")
    assert replies.exists()
    for reply in replies:
        assert reply.article_id == reply.parent.article_id
        assert reply.depth == reply.parent.depth + 1 <= 2
        assert reply.thread_id == (reply.parent.thread_id or reply.parent_id)
        assert reply.created_at >= reply.parent.created_at
    assert not Comment.objects.filter(parent=None).exclude(thread=None).exists()


def test_bench_articles_are_published_and_shown(client, bench):
    assert Article.objects.published().filter(slug__startswith="bench-").count() == ARTICLES
    article = bench.filter(comment_count__gt=0).first()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert client.get(article.section.get_absolute_url()).status_code == 200


def test_search_entries_are_the_ones_saving_would_write(bench):
    for article in bench:
        entry = SearchEntry.objects.get(article=article)
        index_article(article)
        assert SearchEntry.objects.values_list("title", "body").get(article=article) == (
            entry.title,
            entry.body,
        )


def test_search_finds_a_bench_article(client, bench):
    article = bench.order_by("pk").first()
    response = client.get("/search/", {"q": article.title})
    assert response.status_code == 200
    assert article in [found for found, _snippet in response.context["results"]]


def test_running_again_adds_nothing_and_a_bigger_size_only_the_difference(bench):
    assert "already there" in make_bench_data()
    assert bench.count() == ARTICLES

    make_bench_data(articles=ARTICLES + 5, comments=COMMENTS + 40)
    assert bench.count() == ARTICLES + 5
    assert Comment.objects.filter(article__in=bench).count() == COMMENTS + 40
    assert bench.filter(slug=f"bench-{ARTICLES + 4}").exists()


def test_flush_removes_the_bench_data(bench, seed_like_article):
    make_bench_data(flush=True)
    assert not bench.exists()
    assert not SearchEntry.objects.filter(article__slug__startswith="bench-").exists()
    seed_like_article.refresh_from_db()
    assert seed_like_article.comment_count == seed_like_article.comments.count() == 0


def test_without_the_demo_it_loads_the_demo_first():
    make_bench_data(articles=5, comments=20)
    seed = Article.objects.get(title="الأمن المغربي في مقدمة تأمين كاس العالم بقطر 2022")
    assert seed.comments.approved().count() == seed.comment_count == 50
    assert seed.comments.exclude(email__endswith="@bench.example").count() == 4  # the demo's
    # Bench articles share the demo's drawn images (with their renditions).
    assert not Article.objects.filter(slug__startswith="bench-", image="").exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_writers_write_the_same_data_as_one(seed_like_article):
    if connection.vendor != "postgresql":
        pytest.skip("batches are written by several processes on PostgreSQL only")
    bench = Article.objects.filter(slug__startswith="bench-")

    def snapshot() -> dict:
        return {a.slug: (a.title, a.section_id, a.comment_count) for a in bench}

    make_bench_data(jobs=2, batch_size=10)
    in_parallel = snapshot()
    make_bench_data(flush=True)
    make_bench_data(jobs=1, batch_size=10)
    assert snapshot() == in_parallel
    assert len(in_parallel) == ARTICLES
    assert sum(count for _title, _section, count in in_parallel.values()) == COMMENTS
    assert SearchEntry.objects.filter(article__in=bench).count() == ARTICLES
