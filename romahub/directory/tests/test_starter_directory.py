"""The directory's starter data: real services, each fact's source named, nothing claimed unchecked."""

import json
from collections import Counter

import pytest

from romahub.directory.loader import DATA_DIR

RECORDS = json.loads((DATA_DIR / "starter_services.json").read_text(encoding="utf-8"))["services"]


def located(record) -> bool:
    return any(sal["location"].get("latitude") is not None and sal["location"]["addresses"][0]["address_1"]
               for sal in record["service_at_locations"])


def test_enough_real_services_organisations_and_places():
    assert len(RECORDS) >= 60
    assert len({record["organization"]["id"] for record in RECORDS}) >= 40
    assert sum(located(record) for record in RECORDS) >= 40
    areas = {area["hub_local_authority"] for record in RECORDS for area in record["service_areas"] if area.get("hub_local_authority")}
    assert len(areas) >= 20
    # Among them, the areas where many Roma families live.
    assert {"derby", "sheffield", "rotherham", "leeds", "bradford", "manchester", "leicester", "coventry",
            "peterborough", "southend-on-sea", "kent", "newham"} <= areas


def test_every_service_names_its_source_and_when_it_was_read():
    for record in RECORDS:
        assert record["hub_source"].strip(), record["name"]
        assert record["hub_source_read_on"], record["name"]


def test_no_service_is_marked_checked_by_the_hub():
    assert not [record["name"] for record in RECORDS if record.get("hub_last_verified") or record.get("hub_verified_by")]
    assert not [record["name"] for record in RECORDS if record.get("hub_translations_reviewed")]


def test_every_language_claim_and_every_address_names_its_source():
    for record in RECORDS:
        for language in record["languages"]:
            assert language.get("hub_source", "").strip(), (record["name"], language["code"])
        for sal in record["service_at_locations"]:
            assert sal["location"].get("hub_source", "").strip(), record["name"]


def test_points_come_from_the_postcode_they_name():
    from romahub.places.gazetteer import lookup

    for record in RECORDS:
        for sal in record["service_at_locations"]:
            location = sal["location"]
            if location.get("latitude") is None:
                continue
            district = lookup(location["addresses"][0]["postal_code"])
            assert district is not None and district.in_england, record["name"]
            # A postcode's own point lies within a few miles of its district's centre.
            assert abs(district.latitude - location["latitude"]) < 0.1 and abs(district.longitude - location["longitude"]) < 0.15


def test_slovak_and_romanian_speakers_are_listed():
    codes = Counter(language["code"] for record in RECORDS for language in record["languages"])
    assert codes["sk"] >= 3 and codes["ro"] >= 3 and codes["rom"] >= 2


def test_every_kind_of_help_named_is_in_the_taxonomy():
    taxonomy = json.loads((DATA_DIR / "taxonomy.json").read_text(encoding="utf-8"))
    terms = {term["slug"] for tax in taxonomy["taxonomies"] for term in tax["terms"]}
    assert not {(record["name"], term) for record in RECORDS for term in record["hub_terms"] if term not in terms}


@pytest.mark.django_db
def test_every_source_line_and_address_note_is_kept_whole():
    """Long source lines (a document, its version and the map point's dataset) are not cut short."""
    from romahub.directory.models import Location, ServiceLanguage

    for record in RECORDS:
        for link in record["service_at_locations"]:
            location = link["location"]
            kept = Location.objects.get(pk=location["id"])
            assert (kept.source, kept.address_note) == (location.get("hub_source") or "", location.get("hub_address_note") or "")
        for language in record["languages"]:
            assert ServiceLanguage.objects.get(pk=language["id"]).source == (language.get("hub_source") or "")
