"""Checks `manage.py check --deploy` runs on a production server (docs/deploy.md, step 2)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def one_cache_for_every_process(app_configs=None, **kwargs):
    """Without Redis each process keeps its own page cache: a publish on one server process would
    reach the others only when their copies expire, and the task worker's re-renders none."""
    if settings.PRODUCTION and not settings.REDIS_URL:
        return [Warning(
            "REDIS_URL is not set: every server process keeps its own page cache, so a publish is "
            "not seen by the others until their copies expire (PAGE_CACHE_SECONDS).",
            hint="Set REDIS_URL to the one Redis every server and the task worker use (docs/deploy.md).",
            id="romahub.W001",
        )]
    return []
