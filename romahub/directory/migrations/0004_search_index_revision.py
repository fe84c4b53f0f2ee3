from django.db import migrations, models

# The words index of earlier versions (an SQLite FTS5 table, a view and triggers, made after each
# migrate): the in-memory search index replaces it (docs/decisions.md). Triggers first, as they
# name the view and the table.
OLD_WORDS_INDEX = [
    "DROP TRIGGER IF EXISTS directory_service_text_insert",
    "DROP TRIGGER IF EXISTS directory_service_text_update",
    "DROP TRIGGER IF EXISTS directory_service_text_delete",
    "DROP TRIGGER IF EXISTS directory_service_text_organisation",
    "DROP VIEW IF EXISTS directory_service_text_source",
    "DROP TABLE IF EXISTS directory_service_text",
]


def drop_old_words_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in OLD_WORDS_INDEX:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_indexes_for_search_at_scale"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchIndexRevision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
            ],
            options={"verbose_name": "search index revision"},
        ),
        migrations.RunPython(drop_old_words_index, migrations.RunPython.noop),
    ]
