"""Read Open Referral UK services into the directory, idempotently by id.

`import_services` takes ORUK service documents (fully nested, as the API and `export_oruk`
give them) and creates or updates each record and everything under it. A record that breaks
the ORUK schema or the hub's own rules is rejected with the reason; the rest still load.
Importing the same feed twice changes nothing and reports nothing changed.
"""

import json
import uuid
from dataclasses import dataclass, field
from datetime import date, time
from functools import cache
from pathlib import Path

import jsonschema
from django.db import transaction

from romahub.directory import oruk
from romahub.directory.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from romahub.places.models import LocalAuthority

SCHEMA_DIR = Path(__file__).parent / "standards" / "oruk-3.0" / "schema" / "compiled"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@cache
def compiled_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text())


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"{len(self.created)} created, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.rejected)} rejected."
        ]
        out += [f"created: {name}" for name in self.created]
        out += [f"updated: {name}" for name in self.updated]
        out += [f"rejected: {name}: {reason}" for name, reason in self.rejected]
        out += [f"warning: {name}: {reason}" for name, reason in self.warnings]
        return out


class Rejected(ValueError):
    pass


def services_in(document) -> list[dict]:
    """The services in a feed: a list, an API page (`contents`), `{"services": [...]}` or one service."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ("contents", "services"):
            if isinstance(document.get(key), list):
                return document[key]
        if "id" in document and "name" in document:
            return [document]
    raise Rejected("the file holds no Open Referral services (expected a list, 'contents' or 'services')")


def import_services(records: list[dict]) -> Report:
    report = Report()
    for record in records:
        label = f"{record.get('name', '?')} ({record.get('id', 'no id')})" if isinstance(record, dict) else repr(record)[:60]
        try:
            with transaction.atomic():
                outcome = _import_service(record, report, label)
        except Rejected as error:
            report.rejected.append((label, str(error)))
            continue
        getattr(report, outcome).append(label)
    return report


def _validate(record) -> None:
    if not isinstance(record, dict):
        raise Rejected("not a JSON object")
    errors = sorted(jsonschema.Draft202012Validator(compiled_schema("service")).iter_errors(record), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        where = "/".join(str(part) for part in first.path) or "service"
        raise Rejected(f"{where}: {first.message}")
    _uuid(record["id"], "id")


def _uuid(value, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Rejected(f"{what}: {value!r} is not a UUID") from None


def _time(value: str | None) -> time | None:
    if not value:
        return None
    try:
        return time.fromisoformat(value.rstrip("Z")[:8])
    except ValueError:
        raise Rejected(f"opening time {value!r} is not HH:MM") from None


def _point(latitude, longitude, label, report) -> tuple[float | None, float | None]:
    if latitude is None or longitude is None:
        return None, None
    if -90 <= latitude <= 90 and -180 <= longitude <= 180:
        return latitude, longitude
    report.warnings.append((label, f"coordinates ({latitude}, {longitude}) are not on Earth; left empty"))
    return None, None


def _snapshot(service: Service) -> str:
    data = oruk.service(service)
    data.pop("last_modified", None)
    return json.dumps(data, sort_keys=True, default=str)


def _import_service(record, report: Report, label: str) -> str:
    _validate(record)
    service_id = _uuid(record["id"], "id")
    existing = Service.objects.filter(pk=service_id).first()
    before = _snapshot(existing) if existing else None
    # The order is the order of the checks: the first thing wrong is the reason given.
    organization = _organization(record)
    service = existing or Service(pk=service_id)
    service.organization = organization
    _describe(service, record)
    _provenance(service, record)
    # An import is an operator's command, not an editor's draft: what it writes is published.
    service.live = True
    service.save()
    _replace_phones(service, record)
    _replace_languages(service, record)
    _replace_schedules(service, record)
    _replace_areas(service, record)
    _replace_locations(service, record, report, label)
    service.terms.set(_terms(record, report, label))
    service.terms.commit()  # a parental relation: set() alone changes only the instance
    if existing is None:
        return "created"
    service.refresh_from_db()
    return "unchanged" if _snapshot(service) == before else "updated"


def _organization(record) -> Organization:
    """The service's organisation, created or brought up to date from what the record says of it."""
    org_data = record.get("organization") or {}
    if not org_data.get("id"):
        # ORUK allows a flat service that gives only organization_id: the organisation is then
        # named after the service, as nothing else names it.
        if not record.get("organization_id"):
            raise Rejected("a service needs its organisation")
        org_data = {"id": record["organization_id"], "name": record["name"], "description": ""}
    org_id = _uuid(org_data["id"], "organization.id")
    org, _ = Organization.objects.get_or_create(pk=org_id, defaults={"name": org_data["name"], "description": ""})
    # A field the record leaves out (or null) says nothing about it, so what the hub knows is kept.
    for attr in ("name", "description", "website", "email"):
        value = org_data.get(attr)
        if value is not None:
            setattr(org, attr, value)
    if "hub_roma_led" in org_data:
        org.roma_led = bool(org_data["hub_roma_led"])
    org.save()
    return org


def _describe(service: Service, record) -> None:
    """What the service is, in each language, and how to reach it: all of it as the record says."""
    translations = record.get("hub_translations") or {}
    service.name = record["name"]
    service.description = record.get("description") or ""
    for lang in ("sk", "ro"):
        setattr(service, f"name_{lang}", (translations.get(lang) or {}).get("name", ""))
        setattr(service, f"description_{lang}", (translations.get(lang) or {}).get("description", ""))
    service.translations_reviewed = bool(record.get("hub_translations_reviewed", False))
    service.url = record.get("url") or ""
    service.email = record.get("email") or ""
    service.messaging_url = record.get("hub_messaging_url") or ""
    service.status = record["status"]
    service.fees = record.get("fees") or ""
    service.minimum_age = _age(record.get("minimum_age"))
    service.maximum_age = _age(record.get("maximum_age"))
    service.cost = _cost(record.get("cost_options") or [])


def _provenance(service: Service, record) -> None:
    """Where the details come from and when they were checked (the service's page shows both), and the editors' notes."""
    service.source = record.get("hub_source") or "Open Referral UK import"
    service.source_url = record.get("hub_source_url") or ""
    read_on = record.get("hub_source_read_on")
    service.source_read_on = _date(read_on, "hub_source_read_on") if read_on else None
    service.editor_notes = record.get("hub_editor_notes") or ""
    verified = record.get("hub_last_verified")
    service.last_verified = _date(verified, "hub_last_verified") if verified else None
    service.verified_by = record.get("hub_verified_by") or ""


# Each _replace_ below deletes and writes again: the record is the whole truth about the rows
# under its service, so a row the feed no longer has is gone, and importing twice changes nothing.


def _replace_phones(service: Service, record) -> None:
    # The hub keeps a service's numbers, not its contact people: only the phones are read.
    service.phones.all().delete()
    for contact in record.get("contacts") or []:
        for phone in contact.get("phones") or []:
            Phone.objects.create(
                id=_uuid(phone.get("id") or uuid.uuid4(), "phone.id"), service=service,
                number=phone["number"], description=phone.get("description") or "",
            )


def _replace_languages(service: Service, record) -> None:
    service.languages.all().delete()
    for lang in record.get("languages") or []:
        if not (lang.get("code") or lang.get("name")):
            continue  # ORUK's profile allows a language row with no language in it
        ServiceLanguage.objects.create(
            id=_uuid(lang["id"], "language.id"), service=service, code=(lang.get("code") or "")[:3],
            name=lang.get("name") or lang.get("code"), note=lang.get("note") or "",
            source=lang.get("hub_source") or "",
        )


def _replace_schedules(service: Service, record) -> None:
    service.schedules.all().delete()
    for sched in record.get("schedules") or []:
        # RFC 5545 BYDAY may carry an ordinal ("1MO"); the hub keeps the weekday alone.
        days = [d.strip().upper()[-2:] for d in (sched.get("byday") or "").split(",") if d.strip()]
        days = [d for d in days if d in WEEKDAYS]
        if not days:
            continue  # the hub keeps opening hours by weekday: a row with none cannot be kept
        Schedule.objects.create(
            id=_uuid(sched["id"], "schedule.id"), service=service, byday=",".join(days),
            opens_at=_time(sched.get("opens_at")), closes_at=_time(sched.get("closes_at")),
            description=(sched.get("description") or "")[:200],
        )


def _replace_areas(service: Service, record) -> None:
    service.service_areas.all().delete()
    for area in record.get("service_areas") or []:
        slug = area.get("hub_local_authority")
        authority = LocalAuthority.objects.filter(slug=slug).first() if slug else None
        if slug and authority is None:
            raise Rejected(f"service area: no local authority {slug!r}")
        name = area.get("name") or area.get("service_area") or ""
        if authority is None:
            authority = LocalAuthority.objects.filter(name__iexact=name).first()
        # A council carries its own name; the area's name is kept only where there is no council.
        ServiceArea.objects.create(
            id=_uuid(area["id"], "service_area.id"), service=service, local_authority=authority,
            name="" if authority else name[:100],
        )


def _replace_locations(service: Service, record, report: Report, label: str) -> None:
    service.service_at_locations.all().delete()
    for sal in record.get("service_at_locations") or []:
        loc_id = _location(sal.get("location") or {}, report, label)
        ServiceAtLocation.objects.create(id=_uuid(sal["id"], "service_at_location.id"), service=service, location_id=loc_id)


def _location(loc_data: dict, report: Report, label: str) -> uuid.UUID:
    """A place the service is found, created or updated: other services may share it, so it is not deleted."""
    if not loc_data.get("id"):
        raise Rejected("service_at_locations: a location needs its id")
    loc_id = _uuid(loc_data["id"], "location.id")
    latitude, longitude = _point(loc_data.get("latitude"), loc_data.get("longitude"), label, report)
    address = (loc_data.get("addresses") or [{}])[0]  # the hub keeps one address per place
    Location.objects.update_or_create(pk=loc_id, defaults={
        "location_type": loc_data.get("location_type") or "physical",
        "name": loc_data.get("name") or "", "description": loc_data.get("description") or "",
        "latitude": latitude, "longitude": longitude,
        # Derived from the place's id when the feed gives none, so a re-import keeps the same one.
        "address_id": _uuid(address.get("id") or uuid.uuid5(loc_id, "address"), "address.id"),
        "address_1": address.get("address_1") or "", "city": address.get("city") or "",
        "region": address.get("region") or address.get("state_province") or "",
        "postal_code": (address.get("postal_code") or "").upper()[:10], "country": (address.get("country") or "GB")[:2],
        "source": loc_data.get("hub_source") or "", "address_note": loc_data.get("hub_address_note") or "",
    })
    return loc_id


def _date(value, what: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise Rejected(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


def _age(value) -> int | None:
    return int(value) if isinstance(value, int | float) and 0 <= value < 150 else None


def _cost(options: list[dict]) -> str:
    if not options:
        return ""
    if any(o.get("amount") == 0 or "free" in (o.get("option") or "").lower() for o in options):
        return "free"
    return "paid"


def _terms(record, report: Report, label: str) -> list[TaxonomyTerm]:
    terms = []
    for slug in record.get("hub_terms") or []:
        term = TaxonomyTerm.objects.filter(slug=slug).first()
        if term is None:
            raise Rejected(f"hub_terms: no term {slug!r}")
        terms.append(term)
    for attribute in record.get("attributes") or []:
        term_id = attribute.get("taxonomy_term_id") or (attribute.get("taxonomy_term") or {}).get("id")
        term = TaxonomyTerm.objects.filter(pk=term_id).first() if term_id else None
        if term is None:
            report.warnings.append((label, f"taxonomy term {term_id} is not in the hub's vocabulary; left out"))
        else:
            terms.append(term)
    return terms
