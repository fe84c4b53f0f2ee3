"""Load England's children's services authorities and the local details the hub can source.

Idempotent: authorities are matched by name; existing rows and any detail an editor has filled
in are never overwritten, only empty fields are filled.
"""

import json
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from romahub.places.models import REGIONS, LocalAuthority

DATA_DIR = Path(__file__).resolve().parent / "data"
DETAIL_FIELDS = (
    "childrens_rights_service", "childrens_rights_service_sk", "childrens_rights_service_ro", "childrens_rights_phone", "childrens_rights_email",
    "conference_contact_phone", "conference_contact_email", "complaints_phone", "complaints_email",
    "details_source", "details_note",
)


@transaction.atomic
def load_local_authorities() -> tuple[int, int]:
    """Returns (authorities created, authorities given local details)."""
    regions = {code for code, _ in REGIONS}
    created = detailed = 0
    for row in json.loads((DATA_DIR / "local_authorities.json").read_text(encoding="utf-8")):
        if row["region"] not in regions:
            raise ValueError(f"{row['name']}: unknown region {row['region']!r}")
        _, was_created = LocalAuthority.objects.get_or_create(
            name=row["name"],
            defaults={
                "slug": slugify(row["name"]),
                "official_name": row.get("official_name", ""),
                "ons_code": row.get("ons_code", ""),
                "region": row["region"],
            },
        )
        created += was_created
    for row in json.loads((DATA_DIR / "local_details.json").read_text(encoding="utf-8")):
        authority = LocalAuthority.objects.get(name=row["name"])
        changed = False
        for field in DETAIL_FIELDS:
            if row.get(field) and not getattr(authority, field):
                setattr(authority, field, row[field])
                changed = True
        if changed:
            if row.get("details_checked_on") and not authority.details_checked_on:
                authority.details_checked_on = date.fromisoformat(row["details_checked_on"])
            authority.save()
            detailed += 1
    _fill_centres()
    return created, detailed


def _fill_centres() -> None:
    """Each area's centre from ONS's published centroids, where no editor has set one."""
    points = json.loads((DATA_DIR / "centroids.json").read_text(encoding="utf-8"))["points"]
    for authority in LocalAuthority.objects.filter(latitude=None).exclude(ons_code=""):
        point = points.get(authority.ons_code)
        if point:
            LocalAuthority.objects.filter(pk=authority.pk).update(latitude=point[0], longitude=point[1])
