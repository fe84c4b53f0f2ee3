"""Assemble Open Referral UK CSV tables (a folder of services.csv, organizations.csv, …) into
nested service documents, so the CSV form goes through the same importer as JSON.

Tables the hub does not keep (funding, programs, accessibility, required documents) are read
past; a missing table means "none".
"""

import csv
from collections import defaultdict
from pathlib import Path


def _rows(folder: Path, *names: str) -> list[dict]:
    for name in names:
        path = folder / name
        if path.exists():
            with path.open(newline="", encoding="utf-8-sig") as handle:
                return [{k: _clean(v) for k, v in row.items() if k} for row in csv.DictReader(handle)]
    return []


def _clean(value: str | None):
    if value is None:
        return None
    value = value.strip()
    # Some publishers quote phone numbers twice ("""+44 …""") so spreadsheets keep the plus.
    return value.strip('"') or None


def _number(value):
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except ValueError:
        return value  # left for the schema check to reject with a reason
    return int(number) if number.is_integer() else number


def _by(rows: list[dict], key: str) -> dict[str, list[dict]]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.get(key)].append(row)
    return grouped


def _without_none(row: dict) -> dict:
    return {k: v for k, v in row.items() if v is not None}


def services_from_csv(folder: Path) -> list[dict]:
    organizations = {row["id"]: _without_none(row) for row in _rows(folder, "organizations.csv")}
    contacts = _by(_rows(folder, "contacts.csv"), "service_id")
    phones = _by(_rows(folder, "phones.csv"), "contact_id")
    languages = _by(_rows(folder, "languages.csv"), "service_id")
    schedules = _by(_rows(folder, "schedules.csv", "schedule.csv"), "service_id")
    areas = _by(_rows(folder, "service_areas.csv"), "service_id")
    costs = _by(_rows(folder, "cost_options.csv"), "service_id")
    at_locations = _by(_rows(folder, "service_at_location.csv", "service_at_locations.csv"), "service_id")
    locations = {row["id"]: row for row in _rows(folder, "locations.csv")}
    addresses = _by(_rows(folder, "addresses.csv", "address.csv"), "location_id")
    attributes = _by(_rows(folder, "attribute.csv", "attributes.csv"), "link_id")

    services = []
    for row in _rows(folder, "services.csv"):
        service = _without_none(row)
        for key in ("minimum_age", "maximum_age"):
            if key in service:
                service[key] = _number(service[key])
        if row.get("organization_id") in organizations:
            service["organization"] = organizations[row["organization_id"]]
        service["contacts"] = [
            {**_without_none(contact), "phones": [_without_none(p) for p in phones.get(contact["id"], [])]}
            for contact in contacts.get(row["id"], [])
        ]
        service["languages"] = [_without_none(lang) for lang in languages.get(row["id"], [])]
        service["schedules"] = [
            {**_without_none(s), **({"interval": _number(s["interval"])} if s.get("interval") else {})}
            for s in schedules.get(row["id"], [])
        ]
        service["service_areas"] = [_without_none(a) for a in areas.get(row["id"], [])]
        service["cost_options"] = [
            {**_without_none(c), **({"amount": _number(c["amount"])} if c.get("amount") else {})}
            for c in costs.get(row["id"], [])
        ]
        service["service_at_locations"] = []
        for sal in at_locations.get(row["id"], []):
            location = dict(_without_none(locations.get(sal.get("location_id"), {"id": sal.get("location_id")})))
            for key in ("latitude", "longitude"):
                if key in location:
                    location[key] = _number(location[key])
            location["addresses"] = [_without_none(a) for a in addresses.get(location.get("id"), [])]
            service["service_at_locations"].append({**_without_none(sal), "location": location})
        service["attributes"] = [_without_none(a) for a in attributes.get(row["id"], [])]
        services.append(service)
    return services
