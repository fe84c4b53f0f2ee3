"""Each server process's search index: built as the process starts (warm(), from romahub/wsgi.py)
or on its first search, and again on the first search after the directory changes (freshness.py).
"""

from __future__ import annotations

import gc
import logging
import threading

from django.db import DatabaseError, connections

from romahub.directory.search.build import build
from romahub.directory.search.freshness import revision
from romahub.directory.search.index import SearchIndex

logger = logging.getLogger(__name__)

_current: SearchIndex | None = None
_building = threading.Lock()


def current() -> SearchIndex:
    """The index for the directory as it is now: one small query when nothing has changed."""
    global _current
    token = revision()
    index = _current
    if index is None or index.token != token:
        with _building:
            index = _current
            if index is None or index.token != token:
                index = _current = build(token)
                # The index is hundreds of thousands of long-lived objects without cycles: out of
                # the collector's way, or each full collection walks them all (100 ms at 50,000).
                # Collected first, so no garbage of the moment is frozen with it.
                gc.collect()
                gc.freeze()
    return index


def warm() -> None:
    """Build the index now, before a first reader waits for it (romahub/wsgi.py, as each server
    process starts). A database not yet migrated is no error: the first search builds it."""
    try:
        current()
    except DatabaseError as error:
        logger.warning("Search index not built at start: %s", error.__class__.__name__)
    finally:
        connections.close_all()  # nothing opened here is carried into a forked worker
