"""Start the hub as production runs it: gunicorn workers on a fresh database of its own.

Not Django's live server: gunicorn's separate worker processes, the page cache, WhiteNoise and
the whole middleware stack. The database is a fresh SQLite file, or a fresh PostgreSQL database
beside DATABASE_URL's when that is set (and Redis when REDIS_URL is, as in CI's second run).

running_hub() starts one server; running_hubs() starts several on one hub's database, Redis prefix
and media folders, as docs/deploy.md runs two behind nginx (tests/deploy/test_two_servers.py).
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


def hub_environment(workdir: Path, name: str, env: dict | None = None) -> dict:
    """The environment of a hub in `workdir`: its own database (a fresh PostgreSQL one named after
    `name` when DATABASE_URL is PostgreSQL, else an SQLite file there), cache prefix and folders."""
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
    return environment


def prepare_hub(environment: dict, steps=()) -> None:
    """Migrate the hub's database, then run `steps` (manage.py commands), once for all its servers."""
    for args in (["migrate", "--noinput", "-v0"], *steps):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment, check=True, capture_output=True)


@contextlib.contextmanager
def serving(environment: dict, log_path: Path, *, workers: int = 2):
    """Yield the base URL of one gunicorn server of the hub with this environment, once it answers."""
    python = sys.executable
    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(python).parent)) or "gunicorn"
    # Everything the server writes, access lines included, is kept in log_path, so that
    # tests can show what it never writes (tests/browser/test_help_requests.py).
    log = open(log_path, "ab")  # noqa: SIM115 - closed when the server stops
    server = subprocess.Popen(
        [gunicorn, "romahub.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--preload",
         "--access-logfile", "-", "--access-logformat", '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'],  # as the README runs it
        cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if server.poll() is not None:
                raise RuntimeError(f"the hub stopped as it started: see {log_path}")
            try:
                # As from a TLS proxy, so that a production-mode hub answers instead of redirecting.
                probe = urllib.request.Request(f"{url}/en/", headers={"X-Forwarded-Proto": "https"})
                urllib.request.urlopen(probe, timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the hub did not start")
        server.url = url
        yield server
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@contextlib.contextmanager
def running_hub(workdir: Path, name: str, *, steps=(), env: dict | None = None, workers: int = 2):
    """Yield the base URL of a hub served by `workers` gunicorn workers; `steps` are manage.py commands run first."""
    environment = hub_environment(workdir, name, env)
    prepare_hub(environment, steps)
    with serving(environment, workdir / "server.log", workers=workers) as server:
        yield server.url


@contextlib.contextmanager
def running_hubs(workdir: Path, name: str, *, servers: int = 2, steps=(), env: dict | None = None, workers: int = 1):
    """Yield the base URLs of `servers` gunicorn servers of ONE hub, as production runs two behind
    nginx (docs/deploy.md): one database, migrated once; one Redis prefix; one media folder and one
    private evidence folder. Each server logs to workdir/server-<letter>.log."""
    environment = hub_environment(workdir, name, env)
    prepare_hub(environment, steps)
    with contextlib.ExitStack() as stack:
        started = [stack.enter_context(serving(environment, workdir / f"server-{chr(97 + i)}.log", workers=workers))
                   for i in range(servers)]
        yield [server.url for server in started]
