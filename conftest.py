"""Fixtures shared by every test: the starter content, loaded once per test database."""

import pytest
from django.core.cache import cache


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from romahub.site.starter import load_starter_content

    with django_db_blocker.unblock():
        load_starter_content()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The page cache outlives each test's rolled-back transaction; start every test empty.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _second_factor_done_on_force_login(request, monkeypatch):
    """Tests that log staff in with `force_login` also pass the second step (TOTP), as a real
    sign-in would; tests marked `password_only` log in with the password alone, to show that
    this is not enough (romahub/core/tests/test_two_factor.py)."""
    if request.node.get_closest_marker("password_only"):
        return
    from django.test import Client

    original = Client.force_login

    def force_login(client, user, backend=None):
        original(client, user, backend)
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(user=user, name="test")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def editorial_clients(django_user_model):
    """A signed-in test client for an editor, a moderator and a translator, keyed by role."""
    from django.contrib.auth.models import Group
    from django.test import Client

    from romahub.core.roles import EDITORS, MODERATORS, TRANSLATORS

    clients = {}
    for role, group in (("editor", EDITORS), ("moderator", MODERATORS), ("translator", TRANSLATORS)):
        user = django_user_model.objects.create_user(role, f"{role}@example.org", "a long pass phrase 1")
        user.groups.add(Group.objects.get(name=group))
        clients[role] = Client()
        clients[role].force_login(user)
    return clients


# --- Nothing a family writes reaches a log -------------------------------------------------
# Every log record of the whole suite also goes to one file; the tests that post a help request
# put "Sentinel-" in everything the family writes, and the run fails if that word was logged.
SENTINEL = "Sentinel-"


@pytest.fixture(scope="session", autouse=True)
def _the_suites_log(request, tmp_path_factory):
    import logging

    path = tmp_path_factory.mktemp("suite-log") / "suite.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    logging.getLogger().addHandler(handler)
    request.config.stash[_LOG_KEY] = path
    yield
    logging.getLogger().removeHandler(handler)
    handler.close()


_LOG_KEY = pytest.StashKey()


def pytest_sessionfinish(session, exitstatus):
    path = session.config.stash.get(_LOG_KEY, None)
    if path is None or not path.exists():
        return
    found = [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if SENTINEL in line]
    if found:
        session.config.get_terminal_writer().line(
            f"\nA family's words reached the logs ({len(found)} lines), for example: {found[0][:200]}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
