from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from romahub.core.middleware import refresh_page_cache_on_change


class MishtoConfig(AppConfig):
    name = "romahub.mishto"
    verbose_name = _("Mishto Campaign")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        refresh_page_cache_on_change(self.label, "Participation", paths=lambda participation: participation.public_paths())
        refresh_page_cache_on_change(
            self.label, "CharterVersion", "CharterValue", "Pledge", "PledgeAction", "PledgeActivity",
        )
