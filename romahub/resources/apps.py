from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "romahub.resources"
    verbose_name = _("Resources library")
    default_auto_field = "django.db.models.BigAutoField"
