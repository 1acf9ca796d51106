import django.db.models.deletion
from django.db import migrations, models

# SQLite: an FTS5 table over the entries (external content), kept in step by triggers.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, body, content='search_searchentry', content_rowid='article_id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.article_id, new.title, new.body); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) "
    "VALUES ('delete', old.article_id, old.title, old.body); END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) "
    "VALUES ('delete', old.article_id, old.title, old.body); "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.article_id, new.title, new.body); END",
]
SQLITE_FTS_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]
# PostgreSQL: the same weighted document the queries use (search/backends.py), indexed.
POSTGRES_DOCUMENT = (
    "(setweight(to_tsvector('simple'::regconfig, title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body), 'B'))"
)


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_FTS:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX search_document_idx ON search_searchentry USING GIN ({POSTGRES_DOCUMENT})"
        )


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_FTS_DROP:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_idx")


def index_existing_articles(apps, schema_editor):
    from django.utils.html import strip_tags
    from html import unescape

    from arabic.text import search_terms

    Article = apps.get_model("articles", "Article")
    SearchEntry = apps.get_model("search", "SearchEntry")
    for article in Article.objects.all():
        text = " ".join([article.excerpt, unescape(strip_tags(article.body))])
        SearchEntry.objects.update_or_create(
            article_id=article.pk,
            defaults={
                "title": " ".join(search_terms(article.title)),
                "body": " ".join(search_terms(text)),
            },
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [("articles", "0006_editor_field")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("title", models.TextField()),
                ("body", models.TextField()),
            ],
        ),
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(index_existing_articles, migrations.RunPython.noop),
    ]
