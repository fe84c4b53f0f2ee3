"""Keep the page cache honest: anything that changes what a reader sees starts a new
cache generation."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from romahub.core.middleware import invalidate_page_cache
from romahub.pages.models import CommunityReview, GlossaryTerm


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs):
    invalidate_page_cache()


@receiver(post_save, sender=GlossaryTerm)
@receiver(post_delete, sender=GlossaryTerm)
@receiver(post_save, sender=CommunityReview)
def content_changed(sender, **kwargs):
    invalidate_page_cache()


def _page_deleted(sender, instance, **kwargs):
    invalidate_page_cache()


post_delete.connect(_page_deleted, sender="wagtailcore.Page", dispatch_uid="pagecache-page-delete")


@receiver(post_save, sender="pages.HomePage")
def new_language_home(sender, instance, created, **kwargs):
    """A home page in a new language (for example a fourth one) opens its tree to translators."""
    from django.conf import settings

    from romahub.pages.permissions import grant_translators

    if created and instance.locale.language_code != settings.LANGUAGE_CODE:
        grant_translators(instance)


def _public_data_changed(sender, **kwargs):
    invalidate_page_cache()


for _model in (
    "Service",
    "Organization",
    "Location",
    "TaxonomyTerm",
    "Phone",
    "ServiceLanguage",
    "Schedule",
    "ServiceArea",
    "ServiceAtLocation",
):
    post_save.connect(
        _public_data_changed, sender=f"directory.{_model}", dispatch_uid=f"pagecache-directory-{_model}-save"
    )
    post_delete.connect(
        _public_data_changed,
        sender=f"directory.{_model}",
        dispatch_uid=f"pagecache-directory-{_model}-delete",
    )


for _model in ("CharterVersion", "CharterValue", "Pledge", "PledgeAction", "PledgeActivity", "Participation"):
    post_save.connect(
        _public_data_changed, sender=f"mishto.{_model}", dispatch_uid=f"pagecache-mishto-{_model}-save"
    )
    post_delete.connect(
        _public_data_changed, sender=f"mishto.{_model}", dispatch_uid=f"pagecache-mishto-{_model}-delete"
    )


post_save.connect(_public_data_changed, sender="resources.Resource", dispatch_uid="pagecache-resources-save")
post_delete.connect(
    _public_data_changed, sender="resources.Resource", dispatch_uid="pagecache-resources-delete"
)
