from django.db import models

from articles.models import Article


class SearchEntry(models.Model):
    """An article's words as search sees them: normalised and stemmed (arabic.text).

    The full-text index is built over these columns by the database itself: an FTS5 table on
    SQLite, a GIN index on PostgreSQL (see the migrations).

    On PostgreSQL the table also has a `document` column (tsvector, title weighted 'A' and body
    'B') that is not a field here: a generated column the database fills on every save, which
    Django never selects or writes. Search matches and ranks on it (search/backends.py).
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    title = models.TextField()
    body = models.TextField()

    def __str__(self) -> str:
        return str(self.article_id)
