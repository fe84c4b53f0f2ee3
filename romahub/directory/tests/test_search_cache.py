"""Each server process's search index (search/cache.py): built as the process starts, kept
while the directory is unchanged, built again after a change."""

import pytest
from django.db import OperationalError

from romahub.directory.search import cache, changed, freshness

pytestmark = pytest.mark.django_db


class _Connections:
    closed = 0

    def close_all(self):
        self.closed += 1


def test_a_server_process_builds_the_index_as_it_starts(monkeypatch):
    monkeypatch.setattr(cache, "connections", _Connections())
    monkeypatch.setattr(cache, "_current", None)
    cache.warm()
    assert cache._current is not None and cache._current.token == freshness.revision()
    assert cache.connections.closed == 1


def test_a_database_not_yet_migrated_does_not_stop_the_server(monkeypatch, caplog):
    def missing_table():
        raise OperationalError("no such table: directory_searchindexrevision")

    monkeypatch.setattr(cache, "connections", _Connections())
    monkeypatch.setattr(cache, "current", missing_table)
    cache.warm()
    assert "Search index not built at start: OperationalError" in caplog.text


def test_one_index_serves_every_search_until_the_directory_changes(django_assert_num_queries):
    first = cache.current()
    with django_assert_num_queries(1):  # the revision only
        assert cache.current() is first
    changed()
    again = cache.current()
    assert again is not first and again.token == freshness.revision()
    assert cache.current() is again
