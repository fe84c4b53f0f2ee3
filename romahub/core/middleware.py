"""Security headers and the anonymous page cache.

Order matters (see settings.MIDDLEWARE): both sit inside Django's SecurityMiddleware and
django-csp's CSPMiddleware, so pages served from the cache still get every security header.
"""

from __future__ import annotations

import hashlib
import re
import time
from importlib import import_module
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware import locale
from django.utils.cache import get_max_age, patch_vary_headers
from django.utils.text import compress_string

CACHE_GENERATION_KEY = "pagecache:generation"
PAGE_CACHE_HEADER = "X-Page-Cache"
_CACHEABLE_TYPES = ("text/html", "application/xml", "text/plain")
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary")
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_WORTH_COMPRESSING = 200  # bytes: below this, gzip's own header costs more than it saves (as Django's GZipMiddleware)



def _urls():
    """The URL conf, which says which of its addresses are personal, outside the language prefix
    or may draw a map (UNCACHED_PREFIXES, UNPREFIXED_PREFIXES, MAP_PATHS)."""
    return import_module(settings.ROOT_URLCONF)


def map_tile_origin(tile_url: str) -> str:
    """The origin a CSP must allow for a tile URL template; "{s}" subdomains become a wildcard."""
    parts = urlsplit(tile_url.replace("{s}.", "*."))
    return f"{parts.scheme}://{parts.netloc}"


class SecurityHeadersMiddleware:
    """Headers Django does not set itself, and the admin's narrower exception to the CSP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.ADMIN_PATH_PREFIX):
            # Wagtail's admin needs inline scripts and styles, and frames its own previews.
            response._csp_replace = settings.ADMIN_CSP_REPLACE
            response["X-Frame-Options"] = "SAMEORIGIN"
        elif settings.MAP_TILE_URL and _urls().MAP_PATHS.match(request.path):
            # Directory and register pages may draw a map; its tiles come from the host in settings.
            response._csp_update = {"img-src": [map_tile_origin(settings.MAP_TILE_URL)]}
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if "X-Powered-By" in response.headers:
            del response.headers["X-Powered-By"]
        return response


def invalidate_page_cache() -> None:
    """Start a new generation: every cached page is ignored from now on and expires later."""
    cache.set(CACHE_GENERATION_KEY, time.time_ns(), timeout=None)


def _public_data_changed(sender, **kwargs):
    invalidate_page_cache()


def refresh_page_cache_on_change(app_label: str, *models: str) -> None:
    """Saving or deleting any of these records starts a new page-cache generation (each app
    names the records readers see, in its AppConfig.ready)."""
    for model in models:
        for signal, kind in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(_public_data_changed, sender=f"{app_label}.{model}",
                           dispatch_uid=f"pagecache-{app_label}-{model}-{kind}")


def public_data_generation() -> int:
    """Changes whenever public data changes (see invalidate_page_cache): a key for derived caches."""
    generation = cache.get(CACHE_GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        cache.add(CACHE_GENERATION_KEY, generation, timeout=None)
        generation = cache.get(CACHE_GENERATION_KEY, generation)
    return generation


class AnonymousPageCacheMiddleware:
    """Serve public pages to anonymous readers from the cache (Redis when configured).

    Only what is the same for every reader is stored: GET of a public path, no session cookie,
    a 200 HTML/XML answer that sets no cookie and is not marked private or no-store.
    Publishing, unpublishing, moving or deleting a page, or changing a glossary term,
    starts a new cache generation (see romahub.pages.signals).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def _key(self, request, generation) -> str:
        # Hashed: a URL can be longer than, or hold characters that, a cache key must not.
        digest = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
        return f"pagecache:{generation}:{digest}"

    def _eligible(self, request) -> bool:
        return (
            settings.PAGE_CACHE_ENABLED
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(_urls().UNCACHED_PREFIXES)
            and len(request.get_full_path()) <= 300
        )

    def __call__(self, request):
        if not self._eligible(request):
            return self.get_response(request)
        key = self._key(request, public_data_generation())
        stored = cache.get(key)
        if stored is not None and len(stored) == 4:
            return self._from_cache(request, *stored)
        response = self.get_response(request)
        if self._storable(response):
            headers = [(h, response[h]) for h in _KEPT_HEADERS if h in response]
            # Compressed once, when stored, so a hit costs no gzip (misses and uncached pages are
            # compressed by Django's GZipMiddleware on the way out; see docs/decisions.md).
            compressed = compress_string(response.content) if len(response.content) >= _WORTH_COMPRESSING else None
            cache.set(key, (response.status_code, headers, response.content, compressed), self._lifetime(response))
            response[PAGE_CACHE_HEADER] = "miss"
        return response

    @staticmethod
    def _from_cache(request, status, headers, content, compressed):
        gzip = compressed is not None and _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
        response = HttpResponse(compressed if gzip else content, status=status)
        for name, value in headers:
            response[name] = value
        if compressed is not None:
            patch_vary_headers(response, ("Accept-Encoding",))
        if gzip:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
        response[PAGE_CACHE_HEADER] = "hit"
        return response

    @staticmethod
    def _lifetime(response) -> int:
        """The cache's lifetime, shortened by the page's own max-age (a page that shows today's date)."""
        max_age = get_max_age(response)
        return settings.PAGE_CACHE_SECONDS if max_age is None else min(max_age, settings.PAGE_CACHE_SECONDS)

    @staticmethod
    def _storable(response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and response.get("Content-Type", "").startswith(_CACHEABLE_TYPES)
        )


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, except that paths outside the language prefixes (the API) are never redirected.

    Django redirects a 404 to the same path under /en/ when that path would resolve, and the
    Wagtail catch-all resolves everything: an API's JSON 404 must stay a 404.
    """

    def process_response(self, request, response):
        if request.path.startswith(_urls().UNPREFIXED_PREFIXES):
            return response
        return super().process_response(request, response)
