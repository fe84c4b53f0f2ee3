from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MishtoConfig(AppConfig):
    name = "romahub.mishto"
    verbose_name = _("Mishto Campaign")
    default_auto_field = "django.db.models.BigAutoField"
