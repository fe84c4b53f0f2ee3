from django.db import migrations

from romahub.directory import fulltext


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in fulltext.create_statements():
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in fulltext.DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_indexes_for_search_at_scale")]

    operations = [migrations.RunPython(create, drop)]
