"""A fixed-window limit per client address, kept in the cache.

The address is never stored: the key holds an HMAC of it under the site's secret key, so the
cache shows how many times "someone" sent a form, never who.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The client's address; behind TRUSTED_PROXY_COUNT proxies, the one they saw."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(scope: str, address: str, window: int) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{int(time.time() // window)}"


def allow(request, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one use of `scope` by this client; False once it has used up `limit` in this window."""
    key = _key(scope, client_address(request), window_seconds)
    cache.add(key, 0, timeout=window_seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        used = 1
    return used <= limit
