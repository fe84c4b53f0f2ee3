from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "romahub.core"
    label = "core"
    verbose_name = _("Hub core")

    def ready(self):
        # Connects its signal receivers, which name auth's models: only once the registry is ready.
        from romahub.core import checks, security_log  # noqa: F401 (checks registers itself)

        security_log.connect_lockouts()
