"""Answers that say something about a family are never kept in a shared cache or a browser's."""

from django.utils.cache import add_never_cache_headers


def never_kept(response):
    """Mark a response so the page cache, a proxy's cache and the browser's all leave it alone.

    The hub's page cache and nginx store only what sets neither `private` nor `no-store`.
    """
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, private"
    return response
