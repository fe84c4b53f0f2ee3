"""Whether a process's search index still reflects the directory: SearchIndexRevision's token.

Every save or delete of a directory record gives the one row a new random token in the same
transaction (the signals connected below), and each process compares it with its index's on
every search (cache.py). Code that writes directory rows without model signals (bulk_create,
QuerySet.update, raw SQL) calls `changed()` in the same transaction.
"""

from __future__ import annotations

import uuid

from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save

from romahub.directory.models import SearchIndexRevision, Service

# Every model the index reads (build.py): a write to any of them changes what a search finds or shows.
WATCHED = [f"directory.{name}" for name in (
    "Service", "Organization", "Location", "TaxonomyTerm", "Phone", "ServiceLanguage", "ServiceArea", "ServiceAtLocation",
)] + ["places.LocalAuthority"]


def revision() -> str | None:
    """The token, read with a plain cursor: asked on every search, and the ORM's query took
    thirty times as long as the database's answer."""
    table = connection.ops.quote_name(SearchIndexRevision._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")  # noqa: S608 (a model's table name)
        row = cursor.fetchone()
    return row[0] if row else None


def changed(action: str = "", **_signal) -> None:
    """Every process's index is out of date from this transaction's commit on."""
    if action.startswith("pre_"):
        return  # m2m_changed: the post_ signal follows
    token = uuid.uuid4().hex
    if not SearchIndexRevision.objects.filter(pk=1).update(token=token):
        SearchIndexRevision.objects.create(pk=1, token=token)


def connect_signals() -> None:
    for model in WATCHED:
        post_save.connect(changed, sender=model, dispatch_uid=f"search-index-{model}-save")
        post_delete.connect(changed, sender=model, dispatch_uid=f"search-index-{model}-delete")
    m2m_changed.connect(changed, sender=Service.terms.through, dispatch_uid="search-index-terms")
