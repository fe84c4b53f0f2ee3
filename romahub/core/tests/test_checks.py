from django.core import checks

from romahub.core.checks import one_cache_for_every_process


def test_a_production_server_without_redis_is_warned_that_publishing_would_not_reach_every_process(settings):
    settings.PRODUCTION, settings.REDIS_URL = True, ""
    [warning] = one_cache_for_every_process()
    assert warning.id == "romahub.W001"
    assert "romahub.W001" in {m.id for m in checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.caches])}


def test_with_redis_or_outside_production_there_is_nothing_to_say(settings):
    settings.PRODUCTION, settings.REDIS_URL = True, "redis://127.0.0.1:6379/0"
    assert one_cache_for_every_process() == []
    settings.PRODUCTION, settings.REDIS_URL = False, ""
    assert one_cache_for_every_process() == []
