"""Directory records as Open Referral UK 3.0 JSON.

Plain functions from model instances to dictionaries, shared by the API and `export_oruk`.
Objects ORUK has but the hub does not store separately (a contact for the phones, a cost
option, attribute links) get stable identifiers derived from their parent's, so the same
record always exports the same document. Fields the hub adds are prefixed `hub_`, as ORUK
asks of local properties; phones sit in `contacts[].phones` and languages carry `name`,
`code` and `note`, as in HSDS 3.0.
"""

import uuid
from datetime import time

VERSION = "3.0"
PROFILE = "https://github.com/openreferral/uk-profile"


def derived_id(parent_id, what: str) -> str:
    return str(uuid.uuid5(uuid.UUID(str(parent_id)), what))


def _drop_empty(data: dict) -> dict:
    """ORUK readers treat a missing field as unknown; an empty string is a claim, so leave it out."""
    return {key: value for key, value in data.items() if value not in ("", None)}


def organization(org) -> dict:
    return _drop_empty({
        "id": str(org.id), "name": org.name, "description": org.description,
        "website": org.website, "email": org.email, "hub_roma_led": org.roma_led or None,
    })


def taxonomy(tax, with_terms: bool = False) -> dict:
    data = {"id": str(tax.id), "name": tax.name, "description": tax.description, "version": "1"}
    if with_terms:
        data["taxonomy_terms"] = [taxonomy_term(term, tax) for term in tax.terms.all()]
    return data


def taxonomy_term(term, tax=None) -> dict:
    tax = tax or term.taxonomy
    return {
        "id": str(term.id), "name": term.name, "description": term.description,
        "taxonomy": tax.name, "taxonomy_id": str(tax.id), "term": term.slug,
        "hub_translations": {
            lang: _drop_empty({"name": getattr(term, f"name_{lang}"), "description": getattr(term, f"description_{lang}")})
            for lang in ("sk", "ro")
        },
    }


def _time(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def location(loc) -> dict:
    data = _drop_empty({
        "id": str(loc.id), "location_type": loc.location_type, "name": loc.name,
        "description": loc.description, "latitude": loc.latitude, "longitude": loc.longitude,
        "hub_source": loc.source, "hub_address_note": loc.address_note,
    })
    if loc.address_1 or loc.postal_code:
        data["addresses"] = [{
            "id": str(loc.address_id), "location_id": str(loc.id), "address_1": loc.address_1,
            "city": loc.city, "region": loc.region, "state_province": loc.region or loc.city,
            "postal_code": loc.postal_code, "country": loc.country, "address_type": loc.location_type,
        }]
    return data


def service_summary(svc) -> dict:
    """The fields of a service in a list (ORUK's service_list item)."""
    data = _drop_empty({
        "id": str(svc.id), "organization_id": str(svc.organization_id), "name": svc.name,
        "description": svc.description, "url": svc.url, "email": svc.email, "status": svc.status,
        "fees": svc.fees, "minimum_age": svc.minimum_age, "maximum_age": svc.maximum_age,
        "last_modified": svc.last_modified.isoformat().replace("+00:00", "Z") if svc.last_modified else None,
    })
    data["organization"] = organization(svc.organization)
    return data


def service(svc) -> dict:
    """A fully nested service (ORUK's compiled service.json), with the hub's own fields."""
    data = service_summary(svc)
    # Children in the order of their ids: the database returns them in whatever order its plan
    # reads them, and the same record must always export the same document.
    phones = sorted(svc.phones.all(), key=lambda row: str(row.id))
    data["contacts"] = [{
        "id": derived_id(svc.id, "contact"), "service_id": str(svc.id), "name": svc.organization.name,
        "phones": [_drop_empty({"id": str(p.id), "number": p.number, "description": p.description}) for p in phones],
    }] if phones else []
    data["languages"] = [
        _drop_empty({"id": str(lang.id), "service_id": str(svc.id), "name": lang.name, "code": lang.code, "note": lang.note,
                     "hub_source": lang.source})
        for lang in sorted(svc.languages.all(), key=lambda row: str(row.id))
    ]
    data["schedules"] = [
        _drop_empty({
            "id": str(s.id), "service_id": str(svc.id), "freq": "WEEKLY", "interval": 1, "byday": ",".join(s.days),
            "opens_at": _time(s.opens_at), "closes_at": _time(s.closes_at), "description": s.description,
        })
        for s in svc.schedules.all()
    ]
    data["service_areas"] = [
        _drop_empty({
            "id": str(area.id), "service_id": str(svc.id), "name": str(area),
            "uri": f"http://statistics.data.gov.uk/id/statistical-geography/{area.local_authority.ons_code}"
            if area.local_authority_id and area.local_authority.ons_code else None,
            "hub_local_authority": area.local_authority.slug if area.local_authority_id else None,
        })
        for area in svc.service_areas.all()
    ]
    data["service_at_locations"] = [
        {"id": str(sal.id), "service_id": str(svc.id), "location_id": str(sal.location_id), "location": location(sal.location)}
        for sal in svc.service_at_locations.all()
    ]
    data["cost_options"] = (
        [{"id": derived_id(svc.id, "cost"), "service_id": str(svc.id), "option": "Free", "amount": 0}]
        if svc.cost == "free" else
        [_drop_empty({"id": derived_id(svc.id, "cost"), "service_id": str(svc.id), "option": "Paid", "amount_description": svc.fees})]
        if svc.cost == "paid" else []
    )
    data["attributes"] = [
        {
            "id": derived_id(svc.id, f"attribute:{term.id}"), "link_id": str(svc.id), "link_type": "service",
            "taxonomy_term_id": str(term.id), "taxonomy_term": taxonomy_term(term),
        }
        for term in svc.terms.all()
    ]
    data["funding"] = []
    data.update(_drop_empty({
        "hub_source": svc.source, "hub_source_url": svc.source_url, "hub_messaging_url": svc.messaging_url,
        "hub_verified_by": svc.verified_by, "hub_editor_notes": svc.editor_notes,
    }))
    data["hub_source_read_on"] = svc.source_read_on.isoformat() if svc.source_read_on else None
    data["hub_last_verified"] = svc.last_verified.isoformat() if svc.last_verified else None
    data["hub_translations"] = {
        lang: _drop_empty({"name": getattr(svc, f"name_{lang}"), "description": getattr(svc, f"description_{lang}")})
        for lang in ("sk", "ro")
    }
    data["hub_translations_reviewed"] = svc.translations_reviewed
    return data


def service_at_location(sal, full: bool = False) -> dict:
    data = {
        "id": str(sal.id), "service_id": str(sal.service_id), "location_id": str(sal.location_id),
        "location": location(sal.location),
    }
    data["service"] = service(sal.service) if full else service_summary(sal.service)
    return data
