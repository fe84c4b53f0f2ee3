"""Fixed-window limits (so many uses per client per window), counted in a store every server shares.

The count lives in Redis when REDIS_URL is set, otherwise in the database; never in a process's
own memory, where each gunicorn worker would count alone, and never beside the page cache, whose
pages would push the counts out. The address is never stored: the key holds an HMAC of it under
the site's secret key, so the store shows how many times "someone" sent a form, never who.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from romahub.core.client import client_address
from romahub.core.models import RateLimitCount
from romahub.core.redis_store import connection

logger = logging.getLogger("romahub.security")


def _key(scope: str, identity: str, window: int) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256).hexdigest()[:32]
    return f"{settings.RATE_LIMIT_KEY_PREFIX}:ratelimit:{scope}:{digest}:{int(time.time() // window)}"


def _count_in_redis(key: str, window: int) -> int:
    redis = connection()
    with redis.pipeline() as pipe:  # MULTI: the count and its expiry are set together
        pipe.incr(key)
        pipe.expire(key, window, nx=True)
        used, _ = pipe.execute()
    return int(used)


def _count_in_database(key: str, window: int) -> int:
    with transaction.atomic():
        if not RateLimitCount.objects.filter(key=key).update(count=F("count") + 1):
            now = timezone.now()
            try:
                with transaction.atomic():
                    RateLimitCount.objects.create(key=key, count=1, expires_at=now + timedelta(seconds=window))
            except IntegrityError:  # another server counted the window's first use at the same moment
                RateLimitCount.objects.filter(key=key).update(count=F("count") + 1)
            else:
                # A new window has started for this client: windows that have ended are no use to anyone.
                RateLimitCount.objects.filter(expires_at__lt=now).delete()
        return RateLimitCount.objects.filter(key=key).values_list("count", flat=True).get()


def count(scope: str, identity: str, window_seconds: int) -> int:
    """Count one use of `scope` by `identity` in the current window and return the uses so far."""
    key = _key(scope, identity, window_seconds)
    if settings.RATE_LIMIT_STORE == "redis":
        return _count_in_redis(key, window_seconds)
    return _count_in_database(key, window_seconds)


def allow_identity(scope: str, identity: str, limit: int, window_seconds: int) -> bool:
    """Count one use; False once `identity` (an address, an account) has used up `limit` in this window."""
    allowed = count(scope, identity, window_seconds) <= limit
    if not allowed:
        logger.warning("rate limit reached scope=%s client=%s", scope, _key(scope, identity, window_seconds).split(":")[-2][:12])
    return allowed


def allow(request, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one use of `scope` by this request's client address (see romahub.core.client)."""
    return allow_identity(scope, client_address(request), limit, window_seconds)
