from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from romahub.core.middleware import refresh_page_cache_on_change


class DirectoryConfig(AppConfig):
    name = "romahub.directory"
    label = "directory"
    verbose_name = _("Directory of services")

    def ready(self):
        # The index reads the directory's models, which exist only once the registry is ready.
        from romahub.directory.search import connect_signals

        connect_signals()
        refresh_page_cache_on_change(self.label, "Service", paths=lambda service: service.public_paths())
        refresh_page_cache_on_change(
            self.label, "Organization", "Location", "TaxonomyTerm", "Phone", "ServiceLanguage",
            "Schedule", "ServiceArea", "ServiceAtLocation",
        )
