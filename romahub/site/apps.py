from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The hub's wiring: what ties the apps into one site (docs/architecture.md)."""

    name = "romahub.site"
    label = "site"
    verbose_name = _("Site wiring")

    def ready(self):
        from romahub.site import signals  # noqa: F401  (connects the new-language hook)
