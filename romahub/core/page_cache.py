"""The anonymous page cache's records, their freshness, and re-rendering without a reader waiting.

Each stored page carries the generation it was rendered in. A change to public data starts a new
generation (start_new_generation). Where background work runs (PAGE_REFRESH_IN_BACKGROUND: a task
worker, as in production), the change is not made visible by throwing pages away: a task first
renders the pages the change touched under the new generation, then makes that generation current;
any other page still holding an older generation is served as it is one last time while a task
renders it again (schedule_refresh). So after a publish no reader waits for a render, and the old
copy goes only once the new one is there. Without a worker (development, most tests) the new
generation is current at once and the next reader renders the page, as before.
"""

from __future__ import annotations

import hashlib
import io
import sys
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

GENERATION_KEY = "pagecache:generation"
ORIGINS_KEY = "pagecache:origins"
# Set in the WSGI environ of a background re-render: the generation to render for. A client can
# only set HTTP_* keys, so no request from outside can claim it.
REFRESH_ENVIRON_KEY = "romahub.page_refresh_generation"
REFRESH_LOCK_SECONDS = 60


@dataclass(frozen=True)
class Entry:
    generation: int
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    compressed: bytes | None


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def entry_key(host: str, full_path: str) -> str:
    # Hashed: a URL can be longer than, or hold characters that, a cache key must not.
    return "pagecache:page:" + hashlib.sha256(f"{host}{full_path}".encode()).hexdigest()


def read(host: str, full_path: str) -> Entry | None:
    found = cache.get(entry_key(host, full_path))
    return found if isinstance(found, Entry) else None


def store(host: str, full_path: str, entry: Entry, lifetime: int, origin: str) -> None:
    cache.set(entry_key(host, full_path), entry, lifetime)
    origins = cache.get(ORIGINS_KEY) or ()
    if origin not in origins:
        cache.set(ORIGINS_KEY, (*origins, origin)[-8:], timeout=None)


def known_origins() -> tuple[str, ...]:
    """The scheme and host of every address pages have been cached for ("https://hub.example.org")."""
    return tuple(cache.get(ORIGINS_KEY) or ())


# --- A change ----------------------------------------------------------------------------------

class _Batch:
    """The addresses one transaction's changes touched, refreshed by one task once it commits."""

    def __init__(self):
        self.paths: set[str] = set()

    def enqueue(self) -> None:
        from romahub.core.tasks import refresh_changed_pages  # the tasks module imports this one

        if _batches.__dict__.get("current") is self:
            _batches.current = None
        refresh_changed_pages.enqueue(sorted(self.paths))


_batches = threading.local()


def start_new_generation(paths=()) -> None:
    """Public data changed; `paths` are the addresses it certainly shows on (rendered first)."""
    if not settings.PAGE_REFRESH_IN_BACKGROUND:
        # Now, for this process, and again once committed: another process that rendered the page
        # between the two read the old data, and must not keep it under the new generation.
        _new_generation()
        transaction.on_commit(_new_generation)
        return
    connection = transaction.get_connection()
    batch = getattr(_batches, "current", None)
    # A batch whose transaction rolled back is no longer waiting for a commit: start another.
    if batch is None or not any(entry[1] == batch.enqueue for entry in connection.run_on_commit):
        batch = _Batch()
        if connection.in_atomic_block:
            _batches.current = batch
        batch.paths.update(paths)
        transaction.on_commit(batch.enqueue)  # at once outside a transaction
        return
    batch.paths.update(paths)


def _new_generation() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def refresh_changed(paths) -> int:
    """Render `paths` for every known origin under a new generation, then make it current."""
    generation = time.time_ns()
    rendered = 0
    for origin in known_origins():
        for path in paths:
            rendered += rerender(origin, path, generation)
    if (cache.get(GENERATION_KEY) or 0) < generation:
        cache.set(GENERATION_KEY, generation, timeout=None)
    return rendered


def schedule_refresh(origin: str, full_path: str) -> None:
    """A reader got an old copy: render the page again in the background, once."""
    from romahub.core.tasks import refresh_page  # the tasks module imports this one

    host = urlsplit(origin).netloc
    if cache.add(_lock_key(host, full_path), 1, REFRESH_LOCK_SECONDS):
        refresh_page.enqueue(origin, full_path)


def refresh_one(origin: str, full_path: str) -> bool:
    try:
        return rerender(origin, full_path, current_generation())
    finally:
        cache.delete(_lock_key(urlsplit(origin).netloc, full_path))


def _lock_key(host: str, full_path: str) -> str:
    return entry_key(host, full_path).replace("pagecache:page:", "pagecache:refreshing:")


# --- Rendering outside a request ----------------------------------------------------------------

_handler = None


def rerender(origin: str, full_path: str, generation: int) -> bool:
    """Render one address through the whole middleware stack, as an anonymous reader's GET, and
    let the page cache store it for `generation`. True if it was stored."""
    global _handler
    if _handler is None:
        _handler = WSGIHandler()  # loads every middleware: only in a process that re-renders pages
    scheme, host = urlsplit(origin).scheme, urlsplit(origin).netloc
    path, _, query = full_path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SCRIPT_NAME": "",
        "SERVER_NAME": host.split(":")[0], "SERVER_PORT": host.partition(":")[2] or ("443" if scheme == "https" else "80"),
        "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": host, "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": scheme, "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0), "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
        REFRESH_ENVIRON_KEY: generation,
    }
    if scheme == "https" and settings.SECURE_PROXY_SSL_HEADER:
        header, value = settings.SECURE_PROXY_SSL_HEADER
        environ[header] = value
    # The handler's middleware chain, not its __call__: that sends request_started and
    # request_finished, whose receiver closes the database connection of a task (or a test) that
    # is inside a transaction.
    request = WSGIRequest(environ)
    with translation.override(None):
        response = _handler.get_response(request)
    return response.status_code == 200 and response.get("X-Page-Cache") == "miss"


def in_every_language(url_name: str, *args) -> list[str]:
    """The address of a named view under each language's prefix."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse(url_name, args=args))
    return paths
