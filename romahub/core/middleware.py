"""Security headers and the anonymous page cache.

Order matters (see settings.MIDDLEWARE): both sit inside Django's SecurityMiddleware and
django-csp's CSPMiddleware, so pages served from the cache still get every security header.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from importlib import import_module
from urllib.parse import urlsplit

from csp import middleware as csp_middleware
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware import locale
from django.utils.cache import get_max_age, patch_vary_headers
from django.utils.text import compress_string

from romahub.core import page_cache

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


class CSPMiddleware(csp_middleware.CSPMiddleware):
    """django-csp's, except that each distinct policy is built once, not on every response.

    django-csp turns the settings into the header string for every answer, twice (the policy and
    its report-only twin): a quarter of what a page from the cache costs. The hub's policies are
    few (the site's, the admin's, a map page's), and depend only on the settings and on what the
    response asks (its _csp_update or _csp_replace), so each string is kept until a setting changes.
    """

    def process_response(self, request, response):
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        for report_only, header, exempt in ((False, HEADER, "_csp_exempt"), (True, HEADER_REPORT_ONLY, "_csp_exempt_ro")):
            parts = self.get_policy_parts(request=request, response=response, report_only=report_only)
            policy = _policy(report_only, parts)
            name = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
            excluded = tuple((getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
            if (policy and header not in response and getattr(response, exempt, False) is False
                    and not request.path_info.startswith(excluded)):
                response[header] = policy
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = csp_middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response


_policies: dict[str, str] = {}


def _policy(report_only: bool, parts) -> str:
    if parts.nonce is not None:  # different for every response
        return build_policy(**asdict(parts), report_only=report_only)
    key = repr((report_only, parts.config, parts.update, parts.replace))
    found = _policies.get(key)
    if found is None:
        found = _policies[key] = build_policy(**asdict(parts), report_only=report_only)
    return found


@receiver(setting_changed)
def _forget_policies(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _policies.clear()


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


def invalidate_page_cache(paths=()) -> None:
    """Public data changed: `paths` are the addresses it certainly shows on (see page_cache)."""
    page_cache.start_new_generation(paths)


def refresh_page_cache_on_change(app_label: str, *models: str, paths=None) -> None:
    """Saving or deleting any of these records starts a new page-cache generation (each app
    names the records readers see, in its AppConfig.ready). `paths(instance)`, where given, names
    the addresses a record shows on, re-rendered before the change is made visible."""

    def changed(sender, instance=None, **kwargs):
        invalidate_page_cache(paths(instance) if paths is not None and instance is not None else ())

    for model in models:
        for signal, kind in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(changed, sender=f"{app_label}.{model}", weak=False,
                           dispatch_uid=f"pagecache-{app_label}-{model}-{kind}")


def public_data_generation() -> int:
    """Changes whenever public data changes (see invalidate_page_cache): a key for derived caches."""
    return page_cache.current_generation()


def request_generation(request) -> int:
    """The generation a request renders for, asked once per request so every derived cache a page
    uses agrees; a background re-render's is the one it was asked to render (page_cache)."""
    if request is None:
        return public_data_generation()
    generation = getattr(request, "_public_data_generation", None)
    if generation is None:
        generation = request.META.get(page_cache.REFRESH_ENVIRON_KEY) or public_data_generation()
        request._public_data_generation = generation
    return generation


class AnonymousPageCacheMiddleware:
    """Serve public pages to anonymous readers from the cache (Redis when configured).

    Only what is the same for every reader is stored: GET of a public path, no session cookie,
    a 200 HTML/XML answer that sets no cookie and is not marked private or no-store.
    Publishing, unpublishing, moving or deleting a page, or changing a glossary term,
    starts a new cache generation (see romahub.pages.signals); romahub.core.page_cache says how
    pages of an older generation are replaced without a reader waiting.
    """

    def __init__(self, get_response):
        self.get_response = get_response

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
        host, full_path = request.get_host(), request.get_full_path()
        generation = request_generation(request)
        if page_cache.REFRESH_ENVIRON_KEY not in request.META:
            stored = page_cache.read(host, full_path)
            if stored is not None and stored.generation >= generation:
                return self._from_cache(request, stored, "hit")
            if stored is not None and settings.PAGE_REFRESH_IN_BACKGROUND:
                page_cache.schedule_refresh(f"{request.scheme}://{host}", full_path)
                # Where tasks run at once, the new copy is already there; otherwise the old one,
                # one last time, while the worker renders it.
                again = page_cache.read(host, full_path) or stored
                return self._from_cache(request, again, "hit" if again.generation >= generation else "stale")
        response = self.get_response(request)
        if self._storable(response):
            headers = tuple((h, response[h]) for h in _KEPT_HEADERS if h in response)
            # Compressed once, when stored, so a hit costs no gzip (misses and uncached pages are
            # compressed by Django's GZipMiddleware on the way out; see docs/decisions.md).
            compressed = compress_string(response.content) if len(response.content) >= _WORTH_COMPRESSING else None
            entry = page_cache.Entry(generation, response.status_code, headers, response.content, compressed)
            page_cache.store(host, full_path, entry, self._lifetime(response), f"{request.scheme}://{host}")
            response[PAGE_CACHE_HEADER] = "miss"
        return response

    @staticmethod
    def _from_cache(request, entry, state):
        gzip = entry.compressed is not None and _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
        response = HttpResponse(entry.compressed if gzip else entry.content, status=entry.status)
        for name, value in entry.headers:
            response[name] = value
        if entry.compressed is not None:
            patch_vary_headers(response, ("Accept-Encoding",))
        if gzip:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
        response[PAGE_CACHE_HEADER] = state
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
