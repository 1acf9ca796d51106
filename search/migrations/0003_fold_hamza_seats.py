from django.db import migrations

# SQLite: FTS5's own view of its vocabulary (each stem and the number of entries holding it),
# for search's "did you mean" (search/suggest.py). PostgreSQL reads ts_stat over the stored
# documents instead: nothing to create there.
SQLITE_VOCABULARY = "CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab('search_fts', 'row')"
SQLITE_VOCABULARY_DROP = "DROP TABLE IF EXISTS search_fts_vocab"


def create_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_VOCABULARY)


def drop_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_VOCABULARY_DROP)


def index_again(apps, schema_editor):
    """Every entry as arabic.text now writes it: hamza seats folded (مسؤول, مسئول → مسءول),
    so that old articles are found however a reader writes their hamza. Going back leaves
    them so: run `manage.py reindex_search` with the older code afterwards."""
    from search.indexing import rebuild_index

    rebuild_index(
        articles=apps.get_model("articles", "Article").objects.all(),
        entries=apps.get_model("search", "SearchEntry").objects.all(),
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_document_column")]

    operations = [
        migrations.RunPython(create_vocabulary, drop_vocabulary),
        migrations.RunPython(index_again, migrations.RunPython.noop),
    ]
