"""Start the hub as production runs it: gunicorn workers on a fresh database of its own.

Not Django's live server: gunicorn's separate worker processes, the page cache, WhiteNoise and
the whole middleware stack. The database is a fresh SQLite file, or a fresh PostgreSQL database
beside DATABASE_URL's when that is set (and Redis when REDIS_URL is, as in CI's second run).
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fresh_postgres(url: str, suffix: str) -> str:
    import psycopg

    parsed = urlparse(url)
    name = f"{parsed.path.lstrip('/')}_{suffix}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunparse(parsed._replace(path=f"/{name}"))


@contextlib.contextmanager
def running_hub(workdir: Path, name: str, *, steps=(), env: dict | None = None, workers: int = 2):
    """Yield the base URL of a hub served by `workers` gunicorn workers; `steps` are manage.py commands run first."""
    environment = dict(os.environ)
    environment.update(
        DJANGO_ENV="development", DEBUG="false", VAR_DIR=str(workdir),
        CACHE_KEY_PREFIX=f"{name}-{os.getpid()}", PYTHONUNBUFFERED="1",
    )
    database_url = os.environ.get("DATABASE_URL", "")
    environment["DATABASE_URL"] = (
        _fresh_postgres(database_url, name) if database_url.startswith("postgres") else f"sqlite:///{workdir}/db.sqlite3"
    )
    environment.update(env or {})
    python = sys.executable
    for args in (["migrate", "--noinput", "-v0"], *steps):
        subprocess.run([python, "manage.py", *args], cwd=ROOT, env=environment, check=True, capture_output=True)
    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(python).parent)) or "gunicorn"
    # Everything the server writes, access lines included, is kept in workdir/server.log, so that
    # tests can show what it never writes (tests/browser/test_help_requests.py).
    log = open(workdir / "server.log", "ab")  # noqa: SIM115 - closed when the server stops
    server = subprocess.Popen(
        [gunicorn, "romahub.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--access-logfile", "-", "--access-logformat", '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'],  # as the README runs it
        cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{url}/en/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the hub did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
