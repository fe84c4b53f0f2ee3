"""A real hub for the browser tests: a fresh database, the starter content, gunicorn.

Runs in its own process (not Django's live server) so the pages are served exactly as in
production: gunicorn workers, the page cache, WhiteNoise, the middleware stack. The database
is a fresh SQLite file, or a fresh PostgreSQL database next to DATABASE_URL's when that is set.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "browser tests only 4f9c"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fresh_postgres(url: str) -> str:
    import psycopg

    parsed = urlparse(url)
    name = f"{parsed.path.lstrip('/')}_browser"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunparse(parsed._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def hub_url(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make install-test` (installs Debian's chromium).")
    workdir = tmp_path_factory.mktemp("hub")
    env = dict(os.environ)
    env.update(
        DJANGO_ENV="development",
        DEBUG="false",
        VAR_DIR=str(workdir),
        CACHE_KEY_PREFIX=f"browser-{os.getpid()}",
        PYTHONUNBUFFERED="1",
    )
    database_url = os.environ.get("DATABASE_URL", "")
    env["DATABASE_URL"] = _fresh_postgres(database_url) if database_url.startswith("postgres") else f"sqlite:///{workdir}/db.sqlite3"
    python = sys.executable
    # The starter services have no public street addresses, so the map is exercised with
    # invented, located services that exist only in this throwaway database.
    located = str(Path(__file__).with_name("located_services.json"))
    env["MISHTO_DEMO_PASSWORD"] = DEMO_PASSWORD
    # Likewise, real councils "sign" there so that the register's map has places to show.
    signed = Path(__file__).with_name("signed_councils.py").read_text()
    steps = (["migrate", "--noinput", "-v0"], ["load_starter_content"], ["import_oruk", located], ["mishto_demo"],
             ["shell", "-c", signed])
    for args in steps:
        subprocess.run([python, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
    port = _free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(python).parent)) or "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "romahub.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/en/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail("the hub did not start")
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
