"""The directory's search: an in-memory index of every listed service, kept per server process.

    index.py      the index and its queries (a word's services, the nearest to a place)
    build.py      the index read from the database
    cache.py      each process's index: current(), warm()
    freshness.py  when it is out of date: the directory's revision, changed(), the signals
    query.py      a reader's search over it: Filters, matching(), search_services()

The rest of the hub imports from here; tests reach into the modules.
"""

from romahub.directory.search.cache import current, warm
from romahub.directory.search.freshness import changed, connect_signals
from romahub.directory.search.index import Area, Card, SearchIndex, TermName
from romahub.directory.search.query import Filters, Result, matching, search_services

__all__ = [
    "Area",
    "Card",
    "Filters",
    "Result",
    "SearchIndex",
    "TermName",
    "changed",
    "connect_signals",
    "current",
    "matching",
    "search_services",
    "warm",
]
