from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


def _on_sqlite(using) -> bool:
    from django.db import connections

    return connections[using].vendor == "sqlite"


def _drop_word_index(sender, using="default", **kwargs):
    # SQLite will not rename a table (as Django does to remake one) while a trigger or view names
    # a table that is missing at that moment; the index is made again after the migrations.
    if _on_sqlite(using):
        from romahub.directory import fulltext

        fulltext.drop(using)


def _rebuild_word_index(sender, using="default", **kwargs):
    if _on_sqlite(using):
        from romahub.directory import fulltext

        fulltext.rebuild(using)


class DirectoryConfig(AppConfig):
    name = "romahub.directory"
    label = "directory"
    verbose_name = _("Directory of services")

    def ready(self):
        pre_migrate.connect(_drop_word_index, sender=self, dispatch_uid="directory-word-index-drop")
        post_migrate.connect(_rebuild_word_index, sender=self, dispatch_uid="directory-word-index")
