"""Hooks of the site's wiring."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from romahub.site.groups import grant_translators


@receiver(post_save, sender="pages.HomePage")
def new_language_home(sender, instance, created, **kwargs):
    """A home page in a new language (for example a fourth one) opens its tree to translators."""
    if created and instance.locale.language_code != settings.LANGUAGE_CODE:
        grant_translators(instance)
