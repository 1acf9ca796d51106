"""Ranked ids of published articles matching a query, on SQLite (FTS5) or PostgreSQL."""

from django.db import connection
from django.utils import timezone

from articles.models import Article
from search.query import ParsedQuery, fts5_match, pg_tsquery

MAX_RESULTS = 500  # read at each search, passed to the SQL as the LIMIT parameter
_PUBLISHED = "a.status = %s AND a.published_at <= %s"

# Matches in the headline weigh more than matches in the text (bm25 and setweight).
SQLITE_SQL = f"""
SELECT f.rowid FROM search_fts f JOIN articles_article a ON a.id = f.rowid
WHERE search_fts MATCH %s AND {_PUBLISHED}
ORDER BY bm25(search_fts, 10.0, 1.0), a.published_at DESC LIMIT %s
"""  # noqa: S608 (built from constants only; the reader's query is a parameter)
# e.document is a stored, GIN-indexed tsvector (search/migrations/0002): nothing is parsed
# again at search time. Only the newest MAX_RESULTS matches are ranked, so that the ranking
# work stays bounded however many articles of the archive match a common word.
POSTGRES_SQL = f"""
SELECT newest.article_id FROM (
    SELECT e.article_id, e.document, query, a.published_at
    FROM search_searchentry e JOIN articles_article a ON a.id = e.article_id,
         to_tsquery('simple'::regconfig, %s) query
    WHERE e.document @@ query AND {_PUBLISHED}
    ORDER BY a.published_at DESC, a.id DESC LIMIT %s
) newest
ORDER BY ts_rank(newest.document, newest.query) DESC, newest.published_at DESC,
         newest.article_id DESC
"""  # noqa: S608 (built from constants only; the reader's query is a parameter)


def matching_article_ids(query: ParsedQuery) -> list[int]:
    if query.is_empty:
        return []
    published = [Article.Status.PUBLISHED, timezone.now()]
    if connection.vendor == "postgresql":
        sql, params = POSTGRES_SQL, [pg_tsquery(query), *published, MAX_RESULTS]
    else:
        sql, params = SQLITE_SQL, [fts5_match(query), *published, MAX_RESULTS]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
