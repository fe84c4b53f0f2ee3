"""One Redis client per process for the hub's own shared counters (not the page cache's)."""

from functools import cache

from django.conf import settings


@cache
def connection():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
