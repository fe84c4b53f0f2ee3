from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from romahub.core.middleware import refresh_page_cache_on_change


class AdvocacyConfig(AppConfig):
    name = "romahub.advocacy"
    verbose_name = _("Help requests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A partner's service page offers the form while it takes requests.
        refresh_page_cache_on_change(self.label, "Partner")
