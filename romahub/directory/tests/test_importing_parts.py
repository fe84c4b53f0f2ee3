"""The parts of one service's import: what each keeps, replaces or refuses, seen through import_services."""

import uuid

import pytest

from romahub.directory.importing import import_services
from romahub.directory.models import Location, Organization, Service
from romahub.directory.tests.helpers import new_id
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db


def record(**fields) -> dict:
    base = {"id": new_id(), "name": "Parts service", "status": "active", "description": "Helps.",
            "organization": {"id": new_id(), "name": "Parts org", "description": "An organisation."}}
    return {**base, **fields}


def imported(data: dict) -> Service:
    report = import_services([data])
    assert not report.rejected, report.rejected
    return Service.objects.get(pk=data["id"])


def rejection(data: dict) -> str:
    report = import_services([data])
    assert len(report.rejected) == 1 and not Service.objects.filter(pk=data["id"]).exists()
    return report.rejected[0][1]


def test_a_flat_service_names_its_organisation_after_itself():
    org_id = new_id()
    data = record(organization_id=org_id)
    del data["organization"]
    service = imported(data)
    assert service.organization_id == uuid.UUID(org_id) and service.organization.name == "Parts service"


def test_a_service_without_an_organisation_is_rejected():
    data = record()
    del data["organization"]
    assert rejection(data) == "a service needs its organisation"


def test_what_the_record_leaves_out_of_the_organisation_is_kept():
    data = record(organization={"id": new_id(), "name": "Parts org", "description": "First.",
                                "website": "https://example.org", "hub_roma_led": True})
    imported(data)
    imported({**data, "organization": {"id": data["organization"]["id"], "name": "Renamed", "description": "Second."}})
    org = Organization.objects.get(pk=data["organization"]["id"])
    assert (org.name, org.description, org.website, org.roma_led) == ("Renamed", "Second.", "https://example.org", True)


def test_the_service_is_published_with_its_provenance():
    service = imported(record(hub_source="Council list", hub_source_read_on="2026-01-05",
                              hub_last_verified="2026-02-01", hub_verified_by="Hub team"))
    assert service.live and service.source == "Council list"
    assert str(service.source_read_on) == "2026-01-05" and str(service.last_verified) == "2026-02-01"
    assert imported(record()).source == "Open Referral UK import"
    assert "hub_last_verified" in rejection(record(hub_last_verified="soon"))


def test_rows_under_the_service_are_replaced_by_the_records():
    data = record(
        contacts=[{"id": new_id(), "phones": [{"id": new_id(), "number": "0808 000 0001"}]}],
        languages=[{"id": new_id(), "code": "ro", "name": "Romanian"}, {"id": new_id()}],
        schedules=[{"id": new_id(), "byday": "1MO,we,XX", "opens_at": "09:00", "closes_at": "17:00"},
                   {"id": new_id(), "byday": "XX"}],
    )
    service = imported(data)
    assert [p.number for p in service.phones.all()] == ["0808 000 0001"]
    assert [lang.code for lang in service.languages.all()] == ["ro"]  # the empty language row is left out
    schedule = service.schedules.get()  # so is the schedule on no weekday
    assert schedule.days == ["MO", "WE"] and str(schedule.opens_at) == "09:00:00"
    service = imported({**data, "contacts": [], "languages": [], "schedules": []})
    assert not (service.phones.exists() or service.languages.exists() or service.schedules.exists())


def test_a_bad_opening_time_is_rejected():
    data = record(schedules=[{"id": new_id(), "byday": "MO", "opens_at": "nine"}])
    assert "opening time" in rejection(data)


def test_areas_are_councils_when_the_hub_knows_them_and_names_otherwise():
    council = LocalAuthority.objects.create(name="Partshire", slug="partshire", region="North East")
    service = imported(record(service_areas=[
        {"id": new_id(), "name": "x", "hub_local_authority": "partshire"},
        {"id": new_id(), "name": "PARTSHIRE"},
        {"id": new_id(), "name": "England"},
    ]))
    areas = sorted(((a.local_authority_id, a.name) for a in service.service_areas.all()), key=str)
    assert areas == sorted([(council.pk, ""), (council.pk, ""), (None, "England")], key=str)
    assert "no local authority 'nowhere'" in rejection(record(service_areas=[
        {"id": new_id(), "name": "Nowhere", "hub_local_authority": "nowhere"}]))


def test_a_location_is_kept_for_the_services_that_share_it_and_keeps_its_address_id():
    # A place without an address (ORUK requires an address's own id, not an address).
    place = {"id": new_id(), "location_type": "physical", "name": "Shared office", "latitude": 52.2, "longitude": 0.1}
    first = record(service_at_locations=[{"id": new_id(), "location": place}])
    second = record(service_at_locations=[{"id": new_id(), "location": place}])
    imported(first)
    imported(second)
    location = Location.objects.get(pk=place["id"])
    assert location.name == "Shared office" and location.country == "GB" and location.latitude == 52.2
    address_id = location.address_id
    assert address_id == uuid.uuid5(uuid.UUID(place["id"]), "address")
    imported({**first, "service_at_locations": []})  # the first service leaves the place
    assert Location.objects.get(pk=place["id"]).address_id == address_id
    assert Service.objects.get(pk=second["id"]).service_at_locations.get().location_id == uuid.UUID(place["id"])


def test_a_location_without_an_id_is_rejected():
    # The schema asks for the key; the hub also refuses it empty.
    data = record(service_at_locations=[{"id": new_id(), "location": {"id": "", "location_type": "physical"}}])
    assert rejection(data) == "service_at_locations: a location needs its id"


def test_the_first_thing_wrong_is_the_reason_given():
    # A bad verification date is read before a bad area: the order of the parts is kept.
    data = record(hub_last_verified="soon", service_areas=[{"id": new_id(), "name": "x", "hub_local_authority": "nowhere"}])
    assert "hub_last_verified" in rejection(data)
    data = record(schedules=[{"id": new_id(), "byday": "MO", "opens_at": "nine"}],
                  service_areas=[{"id": new_id(), "name": "x", "hub_local_authority": "nowhere"}])
    assert "opening time" in rejection(data)
