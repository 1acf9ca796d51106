from django.db import migrations

# PostgreSQL: the weighted document is stored once per entry, in a generated column the
# database computes on every INSERT and UPDATE, and the GIN index is built on that column.
# Searches match and rank on it directly instead of parsing title and body again for each
# match (search/backends.py). The column is not a model field: Django never reads or writes it.
# SQLite keeps its FTS5 table (0001): nothing to do there.
POSTGRES_DOCUMENT = (
    "(setweight(to_tsvector('simple'::regconfig, title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body), 'B'))"
)
FORWARD = [
    "ALTER TABLE search_searchentry ADD COLUMN document tsvector "
    f"GENERATED ALWAYS AS {POSTGRES_DOCUMENT} STORED",
    "DROP INDEX IF EXISTS search_document_idx",
    "CREATE INDEX search_entry_document_idx ON search_searchentry USING GIN (document)",
    # Statistics for the new column, so that the planner knows how common each word is.
    "ANALYZE search_searchentry",
]
# Back to 0001: the expression index over title and body, and no column.
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_document_idx",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
    f"CREATE INDEX search_document_idx ON search_searchentry USING GIN ({POSTGRES_DOCUMENT})",
]


def add_document_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def drop_document_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add_document_column, drop_document_column)]
