from django.db import migrations

# PostgreSQL keeps the most common values of a column (100 by default) and guesses the rest as
# average. With hundreds of tags and authors, a rare tag was then guessed at ~300 articles, and
# "the newest articles of this tag" walked the whole archive looking for them (0.5 s at 100,000
# articles) instead of reading the tag's few links (0.1 ms). Counting every tag and author in
# the statistics lets the planner choose by their real size.
STATISTICS_TARGET = 1000


def owner_columns(apps):
    Article = apps.get_model("articles", "Article")
    Byline = apps.get_model("articles", "Byline")
    return [
        (Article.tags.through._meta.db_table, "tag_id"),
        (Byline._meta.db_table, "author_id"),
    ]


def set_statistics(target):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        for table, column in owner_columns(apps):
            schema_editor.execute(
                f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(column)} SET STATISTICS {target}"
            )
            schema_editor.execute(f"ANALYZE {quote(table)}")

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_index_newest_first_with_id")]

    operations = [
        migrations.RunPython(set_statistics(STATISTICS_TARGET), set_statistics(-1)),
    ]
