"""import_oruk and export_oruk: the profile's examples load, export back valid, and importing twice changes nothing."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from romahub.directory.importing import import_services
from romahub.directory.models import Location, Service
from romahub.directory.tests.helpers import STANDARD, make_service, new_id, validate

pytestmark = pytest.mark.django_db
EXAMPLES = STANDARD / "examples"


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_json_example_imports_cleanly_and_twice_changes_nothing():
    first = run("import_oruk", str(EXAMPLES / "service_full.json"))
    assert first.startswith("1 created, 0 updated, 0 unchanged, 0 rejected.")
    service = Service.objects.get(pk="ac148810-d857-441c-9679-408f346de14b")
    assert service.name == "Community Counselling" and service.cost == "paid"
    assert service.schedules.get().days == ["TH", "FR"]
    # The example's coordinates (100, 101) are not on Earth: kept out, with a warning.
    assert "not on Earth" in first
    assert Location.objects.get(pk="3a19ff88-4620-4d17-9830-ac1d859eb5d5").latitude is None
    again = run("import_oruk", str(EXAMPLES / "service_full.json"))
    assert again.startswith("0 created, 0 updated, 1 unchanged, 0 rejected.")


def test_csv_tables_import_cleanly_and_twice_changes_nothing():
    first = run("import_oruk", str(EXAMPLES / "csv"))
    assert "0 rejected." in first.splitlines()[0] and "1 created" in first
    service = Service.objects.get(pk="ac148810-d857-441c-9679-408f346de14b")
    assert service.organization.name == "Example Organization Inc."
    assert service.phones.get().number == "+44 1234 234567"
    assert service.service_at_locations.get().location.postal_code == "ABC 1234"
    assert run("import_oruk", str(EXAMPLES / "csv")).startswith("0 created, 0 updated, 1 unchanged, 0 rejected.")


def test_export_is_valid_and_round_trips(tmp_path):
    run("import_oruk", str(EXAMPLES / "service_full.json"))
    target = tmp_path / "feed.json"
    call_command("export_oruk", "--output", str(target), stderr=StringIO())
    feed = json.loads(target.read_text())
    assert len(feed["services"]) == Service.objects.count()
    for service in feed["services"]:
        validate(service, "compiled/service")
    assert run("import_oruk", str(target)).startswith(f"0 created, 0 updated, {Service.objects.count()} unchanged, 0 rejected.")


def test_changes_are_reported_as_updates():
    service = make_service("Changing service")
    record = json.loads(run("export_oruk"))["services"]
    mine = next(r for r in record if r["id"] == str(service.id))
    mine["description"] = "A new description."
    report = import_services([mine])
    assert report.updated and not report.created
    assert Service.objects.get(pk=service.pk).description == "A new description."


def test_bad_records_are_rejected_with_a_reason_and_the_rest_load():
    good = {"id": new_id(), "name": "Good", "status": "active", "description": "Fine.",
            "organization": {"id": new_id(), "name": "Org", "description": "An organisation."}}
    bad_status = {**good, "id": new_id(), "name": "Bad status", "status": "open"}
    bad_id = {**good, "id": "42", "name": "Bad id"}
    no_name = {"id": new_id(), "status": "active"}
    report = import_services([good, bad_status, bad_id, no_name, "nonsense"])
    assert report.created == [f"Good ({good['id']})"]
    reasons = dict(report.rejected)
    assert "status" in reasons[f"Bad status ({bad_status['id']})"]
    assert "UUID" in reasons["Bad id (42)"] or "uuid" in reasons["Bad id (42)"]
    assert "name" in reasons[f"? ({no_name['id']})"]
    assert len(report.rejected) == 4


def test_missing_or_unreadable_files_are_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_oruk", str(tmp_path / "nothing.json"))
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(CommandError, match="broken.json"):
        call_command("import_oruk", str(tmp_path / "broken.json"))
    with pytest.raises(CommandError, match="services.csv"):
        call_command("import_oruk", str(tmp_path))
