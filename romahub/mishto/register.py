"""The public register: who has signed, and where each stands today."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from romahub.mishto import workflow
from romahub.mishto.models import Participation

PUBLIC_CODES = ("committed", "under_review", "awarded", "expired", "suspended", "revoked")


@dataclass
class Entry:
    participation: Participation
    status: workflow.PublicStatus
    expires_on: date | None

    @property
    def authority(self):
        return self.participation.authority


def entries(region: str = "", status: str = "", today: date | None = None) -> list[Entry]:
    today = today or timezone.localdate()
    found = Participation.objects.select_related("authority", "version").order_by("authority__name")
    if region:
        found = found.filter(authority__region=region)
    listed = [Entry(p, workflow.public_status(p, today), workflow.expires_on(p)) for p in found]
    if status:
        listed = [entry for entry in listed if entry.status.code == status]
    return listed


def as_json(entry: Entry, base_url: str) -> dict:
    """One authority in the machine-readable register (documented in mishto/openapi.json)."""
    participation = entry.participation
    return {
        "authority": participation.authority.name,
        "slug": participation.authority.slug,
        "ons_code": participation.authority.ons_code or None,
        "area_centre": {"latitude": participation.authority.latitude, "longitude": participation.authority.longitude}
        if participation.authority.has_point else None,
        "region": participation.authority.region,
        "status": entry.status.code,
        "charter_version": participation.version.number,
        "signed_on": participation.signed_on.isoformat(),
        "awarded_on": participation.awarded_on.isoformat() if participation.awarded_on else None,
        "expires_on": entry.expires_on.isoformat() if entry.expires_on else None,
        "public_reason": participation.public_reason or None,
        "url": f"{base_url}/en/mishto/{participation.authority.slug}/",
    }
