from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "romahub.directory"
    label = "directory"
    verbose_name = _("Directory of services")

    def ready(self):
        from romahub.directory import search_index

        search_index.connect_signals()
