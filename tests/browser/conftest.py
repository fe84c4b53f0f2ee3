"""A real hub for the browser tests: a fresh database, the starter content, gunicorn.

Runs in its own process (not Django's live server) so the pages are served exactly as in
production: gunicorn workers, the page cache, WhiteNoise, the middleware stack. The database
is a fresh SQLite file, or a fresh PostgreSQL database next to DATABASE_URL's when that is set.
"""

import os
from pathlib import Path

import pytest

from tests.hub_server import running_hub

DEMO_PASSWORD = "browser tests only 4f9c"
MODERATOR_PASSWORD = "moderator password for tests 7d1e"
MAKE_MODERATOR = (
    "from django.contrib.auth import get_user_model; "
    f"get_user_model().objects.create_user('moderator', 'moderator@example.org', '{MODERATOR_PASSWORD}', is_staff=True)"
)
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def hub_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hub")


@pytest.fixture(scope="session")
def hub_mail(hub_home) -> Path:
    """Where the hub's e-mails land, one file per connection, as Django's file backend writes them."""
    return hub_home / "mail"


@pytest.fixture(scope="session")
def hub_url(hub_home, hub_mail):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make install-test` (installs Debian's chromium).")
    # The starter services have no public street addresses, so the map is exercised with
    # invented, located services that exist only in this throwaway database.
    located = str(Path(__file__).with_name("located_services.json"))
    # Likewise, real councils "sign" there so that the register's map has places to show.
    signed = Path(__file__).with_name("signed_councils.py").read_text()
    staff = Path(__file__).with_name("staff_accounts.py").read_text()
    steps = (["load_starter_content"], ["import_oruk", located], ["mishto_demo"], ["shell", "-c", signed],
             ["shell", "-c", MAKE_MODERATOR], ["shell", "-c", staff])
    # As behind nginx (test_shared_limits.py): the browser's own requests carry no X-Forwarded-For,
    # so they are still seen at their own address.
    env = {"MISHTO_DEMO_PASSWORD": DEMO_PASSWORD, "TRUSTED_PROXY_COUNT": "1",
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(hub_mail)}
    with running_hub(hub_home, "browser", steps=steps, env=env) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
