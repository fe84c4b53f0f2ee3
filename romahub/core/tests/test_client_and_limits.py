"""One client address for the lockout, the rate limits and the log; limits counted in a shared store."""

import logging

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from romahub.core import ratelimit
from romahub.core.client import client_address
from romahub.core.models import RateLimitCount

PASSWORD = "a-long-enough-password-1"
PROXY = "10.0.0.1"


def request_from(forwarded: str | None, peer: str = PROXY):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize("proxies,forwarded,expected", [
    (0, "203.0.113.7", PROXY),                      # no proxy trusted: the header is the client's own words
    (1, "203.0.113.7", "203.0.113.7"),
    (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),     # what the client wrote itself is never believed
    (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
    (1, None, PROXY),
    (2, "203.0.113.7", PROXY),                      # did not come through both proxies
    (1, " , ", PROXY),
])
def test_client_address(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request_from(forwarded)) == expected


def test_the_lockout_asks_the_same_function():
    from axes.helpers import get_client_ip_address

    request = request_from("6.6.6.6, 203.0.113.7")
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert get_client_ip_address(request) == client_address(request) == "203.0.113.7"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
@pytest.mark.parametrize("login", ["/admin/login/", "/en/mishto/login/"])
def test_behind_one_proxy_strangers_failing_do_not_lock_everyone_out(client, login):
    get_user_model().objects.create_user("moderator", email="moderator@example.org", password=PASSWORD)
    for person in range(settings.AXES_FAILURE_LIMIT + 2):
        client.post(login, {"username": f"stranger{person}@example.org", "password": "wrong"},
                    REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"203.0.113.{person}")
    right = client.post(login, {"username": "moderator", "password": PASSWORD},
                        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert right.status_code == 302


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_one_address_failing_is_locked_alone(client):
    get_user_model().objects.create_user("moderator", password=PASSWORD)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": f"guess{attempt}", "password": "wrong"},
                    REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    locked = client.post("/admin/login/", {"username": "moderator", "password": PASSWORD},
                         REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert locked.status_code == 429
    elsewhere = client.post("/admin/login/", {"username": "moderator", "password": PASSWORD},
                            REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert elsewhere.status_code == 302


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_the_log_names_the_forwarded_client_never_the_typed_username(client, caplog):
    with caplog.at_level(logging.INFO, logger="romahub.security"):
        client.post("/admin/login/", {"username": "someone@example.org", "password": "secret-typed"},
                    REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
    messages = [record.getMessage() for record in caplog.records if record.name == "romahub.security"]
    assert "sign-in failed client=203.0.113.5" in messages
    assert not any("someone@example.org" in m or "secret-typed" in m for m in messages)


@pytest.mark.django_db
def test_counts_are_not_pushed_out_by_the_page_cache(settings):
    for _use in range(3):
        ratelimit.allow_identity("form", "203.0.113.9", 3, 3600)
    for page in range(400):  # more pages than the local-memory cache holds
        cache.set(f"pagecache:page-{page}", b"x" * 100)
    assert not ratelimit.allow_identity("form", "203.0.113.9", 3, 3600)


@pytest.mark.django_db
def test_counts_are_in_the_shared_store_not_process_memory(settings):
    ratelimit.allow_identity("form", "203.0.113.9", 5, 3600)
    if settings.RATE_LIMIT_STORE == "database":
        stored = RateLimitCount.objects.get()
        assert stored.count == 1
        assert "203.0.113.9" not in stored.key  # an HMAC, never the address
    else:
        from romahub.core.redis_store import connection

        keys = [key.decode() for key in connection().keys(f"{settings.RATE_LIMIT_KEY_PREFIX}:ratelimit:form:*")]
        assert len(keys) == 1 and "203.0.113.9" not in keys[0]
        assert 0 < connection().ttl(keys[0]) <= 3600


@pytest.mark.django_db
@override_settings(RATE_LIMIT_STORE="database")
def test_ended_windows_are_deleted_when_a_new_one_starts(monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock[0])
    ratelimit.allow_identity("form", "a", 5, 60)
    assert RateLimitCount.objects.count() == 1
    from datetime import timedelta

    RateLimitCount.objects.update(expires_at=RateLimitCount.objects.get().expires_at - timedelta(days=1))
    clock[0] += 120
    ratelimit.allow_identity("form", "a", 5, 60)
    assert RateLimitCount.objects.count() == 1 and RateLimitCount.objects.get().count == 1


def test_the_database_store_counts_each_use(db):
    with override_settings(RATE_LIMIT_STORE="database"):
        assert [ratelimit.allow_identity("form", "b", 2, 3600) for _ in range(4)] == [True, True, False, False]


@pytest.mark.django_db
@pytest.mark.parametrize("login", ["/admin/login/", "/en/mishto/login/"])
@pytest.mark.parametrize("typed", ["x" * 3000, "editor\x00name", "\x00"])
def test_a_sign_in_with_an_impossible_username_is_refused_and_recorded_short(client, login, typed):
    from axes.models import AccessAttempt

    response = client.post(login, {"username": typed, "password": "wrong"}, REMOTE_ADDR="203.0.113.77")
    assert response.status_code == 200
    for attempt in AccessAttempt.objects.all():
        assert len(attempt.username) <= 150 and "\x00" not in attempt.username


def test_the_lockout_reads_the_username_through_one_function():
    from axes.helpers import get_client_username

    from romahub.core.client import login_username

    request = RequestFactory().post("/admin/login/", {"username": "a" * 400})
    assert get_client_username(request) == login_username(request) == "a" * 150
    assert login_username(request, {"username": "moderator\x00"}) == "moderator"
