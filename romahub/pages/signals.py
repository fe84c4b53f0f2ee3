"""Keep the page cache honest: anything that changes what a reader sees starts a new
cache generation."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from romahub.core.middleware import invalidate_page_cache
from romahub.pages.models import CommunityReview, GlossaryTerm
from romahub.pages.translation_sync import sync_after_english_publish


def addresses_shown_on(page) -> list[str]:
    """Where a page's change certainly shows: the page and the pages above it (their lists and
    breadcrumbs), in every language it has. Pages further away catch up in the background."""
    pages = Page.objects.live().filter(translation_key=page.translation_key)
    paths = set()
    for version in pages:
        for shown in (version, *version.get_ancestors().filter(depth__gte=2)):
            url = shown.get_url()
            if url and url.startswith("/"):
                paths.add(url)
    return sorted(paths)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, instance=None, **kwargs):
    invalidate_page_cache(addresses_shown_on(instance) if instance is not None else ())


@receiver(page_published)
def english_published(sender, instance, **kwargs):
    sync_after_english_publish(instance)


@receiver(post_save, sender=GlossaryTerm)
@receiver(post_delete, sender=GlossaryTerm)
@receiver(post_save, sender=CommunityReview)
def content_changed(sender, **kwargs):
    invalidate_page_cache()


def _page_deleted(sender, instance, **kwargs):
    invalidate_page_cache()


post_delete.connect(_page_deleted, sender="wagtailcore.Page", dispatch_uid="pagecache-page-delete")
