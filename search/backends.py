"""Ranked ids of published articles matching a query, on SQLite (FTS5) or PostgreSQL."""

from django.db import connection
from django.utils import timezone

from articles.models import Article
from search.query import ParsedQuery, fts5_match, pg_tsquery

MAX_RESULTS = 500
_PUBLISHED = "a.status = %s AND a.published_at <= %s"

# Matches in the headline weigh more than matches in the text (bm25 and setweight).
SQLITE_SQL = f"""
SELECT f.rowid FROM search_fts f JOIN articles_article a ON a.id = f.rowid
WHERE search_fts MATCH %s AND {_PUBLISHED}
ORDER BY bm25(search_fts, 10.0, 1.0), a.published_at DESC LIMIT {MAX_RESULTS}
"""  # noqa: S608 (built from constants only; the reader's query is a parameter)
POSTGRES_DOCUMENT = (
    "(setweight(to_tsvector('simple'::regconfig, e.title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, e.body), 'B'))"
)
POSTGRES_SQL = f"""
SELECT e.article_id FROM search_searchentry e JOIN articles_article a ON a.id = e.article_id,
     to_tsquery('simple'::regconfig, %s) query
WHERE {POSTGRES_DOCUMENT} @@ query AND {_PUBLISHED}
ORDER BY ts_rank({POSTGRES_DOCUMENT}, query) DESC, a.published_at DESC LIMIT {MAX_RESULTS}
"""  # noqa: S608 (built from constants only; the reader's query is a parameter)


def matching_article_ids(query: ParsedQuery) -> list[int]:
    if query.is_empty:
        return []
    published = [Article.Status.PUBLISHED, timezone.now()]
    if connection.vendor == "postgresql":
        sql, params = POSTGRES_SQL, [pg_tsquery(query), *published]
    else:
        sql, params = SQLITE_SQL, [fts5_match(query), *published]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
