"""What a family writes is in no table, file, cache entry or log line in plain: only in sealed boxes."""

import logging
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from romahub.advocacy.tests.helpers import make_member, make_partner

pytestmark = pytest.mark.django_db(transaction=True)

SENTINELS = ["Sentinel-Name-Q7", "07700 900 999", "sentinel.q7@example.net", "Sentinel-Times-Q7", "Sentinel-Details-Q7"]


def _every_row_as_text() -> str:
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - the database's own table names
            parts.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(parts)


def _files_as_text(*roots) -> str:
    parts = []
    for root in roots:
        if root and Path(root).exists():
            parts.extend(path.read_bytes().decode("utf-8", "replace") for path in Path(root).rglob("*") if path.is_file())
    return "\n".join(parts)


def _cache_as_text() -> str:
    store = getattr(cache, "_cache", None)
    if isinstance(store, dict):  # the local-memory cache of the default test settings
        return repr(list(store.items()))
    client = cache._cache.get_client()  # Redis: every key and value
    return repr([(key, client.dump(key)) for key in client.scan_iter("*")])


def test_the_form_the_workspace_and_the_status_page_leave_nothing_personal_behind(client, caplog):
    caplog.set_level(logging.DEBUG)
    partner, _key = make_partner("Roma Link", areas=["Derby"], languages=["ro"])
    staff_client = client.__class__()
    staff_client.force_login(make_member(partner, "staff-q7"))
    status = client.post(reverse("advocacy:get_help"), {
        "who": "parent", "authority": "Derby", "languages": ["ro"], "happening": "court", "name": SENTINELS[0],
        "contact_by": "whatsapp", "phone": SENTINELS[1], "email": SENTINELS[2], "safe_times": SENTINELS[3],
        "leave_message": "no", "details": SENTINELS[4], "consent": "on",
    })["Location"]
    client.get(status)
    staff_client.get(reverse("advocacy:workspace"))
    request_id = staff_client.get(reverse("advocacy:workspace")).context["requests"][0].pk
    staff_client.get(reverse("advocacy:request", args=[request_id]))
    staff_client.post(reverse("advocacy:sealed", args=[request_id]))
    from django.core import mail

    where = {
        "database": _every_row_as_text(), "media": _files_as_text(settings.MEDIA_ROOT, getattr(settings, "PRIVATE_MEDIA_ROOT", None)),
        "cache": _cache_as_text(), "logs": caplog.text, "e-mail": repr([(m.subject, m.body) for m in mail.outbox]),
    }
    assert len(where["database"]) > 1000 and "Roma Link" in where["database"]  # the scan reads real rows
    for name, text in where.items():
        for sentinel in SENTINELS:
            assert sentinel not in text, f"{sentinel!r} found in the {name}"
