from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _rebuild_word_index(sender, using="default", **kwargs):
    from django.db import connections

    from romahub.directory import fulltext

    # Remaking a table in a migration drops its triggers and renumbers its rows: start afresh.
    if connections[using].vendor == "sqlite":
        fulltext.rebuild(using)


class DirectoryConfig(AppConfig):
    name = "romahub.directory"
    label = "directory"
    verbose_name = _("Directory of services")

    def ready(self):
        post_migrate.connect(_rebuild_word_index, sender=self, dispatch_uid="directory-word-index")
