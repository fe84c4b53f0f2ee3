from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "romahub.pages"
    label = "pages"
    verbose_name = _("Hub pages")

    def ready(self):
        from romahub.pages import signals  # noqa: F401  (connects the cache and review hooks)
