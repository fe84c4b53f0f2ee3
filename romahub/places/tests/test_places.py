import json
import re

import pytest

from romahub.places.loader import DATA_DIR
from romahub.places.models import REGIONS, LocalAuthority


def test_data_file_is_england_children_services_authorities():
    rows = json.loads((DATA_DIR / "local_authorities.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in rows]
    codes = [r["ons_code"] for r in rows if r["ons_code"]]
    assert len(names) == len(set(names)) and len(codes) == len(set(codes))
    assert all(re.fullmatch(r"E0[6-9]\d{6}|E10\d{6}", code) for code in codes)
    assert {r["region"] for r in rows} == {code for code, _ in REGIONS}
    assert sum(r["region"] == "London" for r in rows) == 33
    assert "Cumbria" not in names and {"Cumberland", "Westmorland and Furness"} <= set(names)


@pytest.mark.django_db
def test_starter_content_loads_every_authority_and_sourced_local_details():
    assert LocalAuthority.objects.count() >= 150
    hackney = LocalAuthority.objects.get(slug="hackney")
    assert hackney.ons_code == "E09000012" and hackney.region == "London"
    assert hackney.childrens_rights_phone == "020 8356 2444"
    assert "Hackney" in hackney.details_source
    assert hackney.complaints_email == ""  # cut off in the source: left empty, never guessed
    assert not LocalAuthority.objects.get(slug="kent").has_local_contacts


@pytest.mark.django_db
def test_planner_shows_local_contacts_of_the_chosen_council(client):
    body = client.get("/ro/conference/timeline/", {"icpc": "2026-11-23", "la": "hackney"}).content.decode()
    assert "Contacte – Hackney" in body and 'href="tel:02083562444"' in body


@pytest.mark.django_db
def test_unknown_council_is_a_clear_error(client):
    response = client.get("/sk/conference/timeline/", {"icpc": "2026-11-23", "la": "atlantis"})
    assert response.status_code == 400
    assert "Vyberte úrad zo zoznamu." in response.content.decode()


@pytest.mark.django_db
def test_editors_manage_authorities_in_the_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("a", "a@example.org", "a-long-enough-password-1"))
    response = client.get("/admin/snippets/places/localauthority/", {"region": "London"})
    assert response.status_code == 200 and "Hackney" in response.content.decode()
