"""Search ranks a bounded set of matches, on a document PostgreSQL stores once per article."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from articles.models import Article
from search import backends
from search.query import parse_query
from tests.factories import ArticleFactory, DraftFactory, ScheduledFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the stored tsvector column and its GIN index exist on PostgreSQL only "
    "(SQLite searches its FTS5 table)",
)


# The word "سدود" in the body only; with HEADLINE_MATCH it is in the headline only.
BODY_MATCH = {"body": "<p>سدود وسدود وسدود.</p>", "excerpt": ""}
HEADLINE_MATCH = {"body": "<p>نص قصير.</p>", "excerpt": ""}


def hours_ago(hours: float):
    return timezone.now() - timedelta(hours=hours)


def searched(q: str) -> list[str]:
    ids = backends.matching_article_ids(parse_query(q))
    titles = dict(Article.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [titles[pk] for pk in ids]


def stored_document(article) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT document::text FROM search_searchentry WHERE article_id = %s", [article.pk]
        )
        return cursor.fetchone()[0]


def test_search_finds_exactly_the_articles_that_published_lets_readers_see(section):
    ArticleFactory(section=section, title="سدود المملكة", published_at=hours_ago(300))
    ArticleFactory(section=section, title="سدود اليوم", published_at=hours_ago(0.001))
    DraftFactory(section=section, title="سدود في مسودة", published_at=hours_ago(5))
    ScheduledFactory(section=section, title="سدود الغد")
    published = Article.objects.published().values_list("title", flat=True)
    assert sorted(searched("سدود")) == sorted(published) == ["سدود المملكة", "سدود اليوم"]


@postgres_only
def test_the_database_fills_the_document_when_an_entry_is_saved_and_updated(section):
    article = ArticleFactory(
        section=section, title="سدود المملكة", body="<p>نص قصير عن السدود.</p>", excerpt=""
    )
    # Headline words weigh 'A', the text's 'B'; Django wrote only title and body.
    assert stored_document(article) == "'سدود':1A,6B 'عن':5B 'قصير':4B 'مملك':2A 'نص':3B"

    article.title = "مهرجان كناوة في الصويرة"
    article.save()
    document = stored_document(article)
    assert "'كناو':2A" in document and "'صوير':4A" in document
    assert "'مملك'" not in document


@postgres_only
def test_a_rare_word_is_looked_up_in_the_gin_index_on_the_stored_document(section):
    for n in range(30):
        ArticleFactory(section=section, title=f"خبر رقم {n}", body="<p>نص قصير.</p>")
    ArticleFactory(section=section, title="سدود المملكة")
    with CaptureQueriesContext(connection) as executed:
        assert searched("سدود") == ["سدود المملكة"]
    [search_sql] = [q["sql"] for q in executed.captured_queries if "search_searchentry" in q["sql"]]
    assert "to_tsvector" not in search_sql  # nothing is parsed again at search time
    with connection.cursor() as cursor:
        # On tables this small any plan is cheap, and which one wins depends on what earlier
        # tests left in them. With sequential scans, plain index scans and nested loops turned
        # off, the entries can be read without a disabled step only through an index on the
        # search's own condition: the plan shows whether the GIN index serves it.
        for setting in ("enable_seqscan", "enable_indexscan", "enable_nestloop"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {search_sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on search_entry_document_idx" in plan, plan


def test_results_are_capped_at_max_results_and_a_headline_match_ranks_first(section, monkeypatch):
    monkeypatch.setattr(backends, "MAX_RESULTS", 3)
    ArticleFactory(section=section, title="أخبار متفرقة 1", published_at=hours_ago(1), **BODY_MATCH)
    ArticleFactory(
        section=section, title="سدود المملكة", published_at=hours_ago(2), **HEADLINE_MATCH
    )
    ArticleFactory(section=section, title="أخبار متفرقة 3", published_at=hours_ago(3), **BODY_MATCH)
    ArticleFactory(section=section, title="أخبار متفرقة 4", published_at=hours_ago(4), **BODY_MATCH)

    assert searched("سدود") == ["سدود المملكة", "أخبار متفرقة 1", "أخبار متفرقة 3"]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite ranks every FTS5 match with bm25 (cheap there, left as it was); "
    "only PostgreSQL ranks just the newest MAX_RESULTS matches",
)
def test_only_the_newest_max_results_matches_are_ranked(section, monkeypatch):
    monkeypatch.setattr(backends, "MAX_RESULTS", 3)
    ArticleFactory(
        section=section, title="سدود قديمة", published_at=hours_ago(240), **HEADLINE_MATCH
    )
    ArticleFactory(section=section, title="أخبار متفرقة 4", published_at=hours_ago(4), **BODY_MATCH)
    ArticleFactory(section=section, title="أخبار متفرقة 3", published_at=hours_ago(3), **BODY_MATCH)
    ArticleFactory(section=section, title="سدود جديدة", published_at=hours_ago(2), **HEADLINE_MATCH)
    ArticleFactory(section=section, title="أخبار متفرقة 1", published_at=hours_ago(1), **BODY_MATCH)

    # The old headline match and the fourth-newest match are left out, however well they rank;
    # among the newest three the headline match comes first, then the newer of equal ranks.
    assert searched("سدود") == ["سدود جديدة", "أخبار متفرقة 1", "أخبار متفرقة 3"]
