"""Ranked ids of published articles matching a query, on SQLite (FTS5) or PostgreSQL."""

from django.db import connection

from articles.models import Article
from search.query import ParsedQuery, SearchFilters, fts5_match, pg_tsquery

NO_FILTERS = SearchFilters()

MAX_RESULTS = 500  # read at each search, passed to the SQL as the LIMIT parameter

# `a` is Article.objects.published() as a derived table, so that search has no definition of
# "published" of its own; both databases merge it into the outer query (the plan is the same
# as a join on articles_article). The SQL is built from constants and the ORM's own SQL; the
# reader's query and every value are parameters.
# Matches in the headline weigh more than matches in the text (bm25 and setweight).
SQLITE_SQL = """
SELECT f.rowid FROM search_fts f JOIN ({published}) a ON a.id = f.rowid
WHERE search_fts MATCH %s
ORDER BY bm25(search_fts, 10.0, 1.0), a.published_at DESC LIMIT %s
"""
# e.document is a stored, GIN-indexed tsvector (search/migrations/0002): nothing is parsed
# again at search time. Only the newest MAX_RESULTS matches are ranked, so that the ranking
# work stays bounded however many articles of the archive match a common word.
POSTGRES_SQL = """
SELECT newest.article_id FROM (
    SELECT e.article_id, e.document, query, a.published_at
    FROM to_tsquery('simple'::regconfig, %s) query,
         search_searchentry e JOIN ({published}) a ON a.id = e.article_id
    WHERE e.document @@ query
    ORDER BY a.published_at DESC, a.id DESC LIMIT %s
) newest
ORDER BY ts_rank(newest.document, newest.query) DESC, newest.published_at DESC,
         newest.article_id DESC
"""


def _published(filters: SearchFilters) -> tuple[str, tuple]:
    """The SQL and parameters of the published articles' ids and publication times, in the
    filters' section and dates."""
    published = Article.objects.published()
    if filters.section_id is not None:
        published = published.filter(section_id=filters.section_id)
    if filters.since is not None:
        published = published.filter(published_at__gte=filters.since)
    if filters.until is not None:
        published = published.filter(published_at__lt=filters.until)
    published = published.order_by().values("id", "published_at")
    return published.query.get_compiler(connection=connection).as_sql()


def matching_article_ids(query: ParsedQuery, filters: SearchFilters = NO_FILTERS) -> list[int]:
    if query.is_empty:
        return []
    published_sql, published_params = _published(filters)
    if connection.vendor == "postgresql":
        sql = POSTGRES_SQL.format(published=published_sql)
        params = [pg_tsquery(query), *published_params, MAX_RESULTS]
    else:
        sql = SQLITE_SQL.format(published=published_sql)
        params = [*published_params, fts5_match(query), MAX_RESULTS]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
