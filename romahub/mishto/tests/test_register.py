"""The public register, each authority's page, the JSON register against its OpenAPI schema,
and the badge: genuine signatures verify, tampered ones do not, expiry is computed."""

import json
import re
from datetime import date, timedelta

import jsonschema
import pytest
from django.utils import timezone

from romahub.mishto import badge, workflow
from romahub.mishto.api import OPENAPI
from romahub.mishto.charter import current_version
from romahub.mishto.models import Participation
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db


def participation(slug, status="committed", awarded_on=None, reason="") -> Participation:
    return Participation.objects.create(
        authority=LocalAuthority.objects.get(slug=slug), version=current_version(), status=status,
        signatory_name="A. Person", signatory_role="Director of Children's Services", signed_on=date(2026, 10, 1),
        statement="We commit to the six Mishto pledges.", awarded_on=awarded_on, public_reason=reason,
    )


@pytest.fixture
def councils():
    today = timezone.localdate()
    return {
        "derby": participation("derby", "awarded", today - timedelta(days=100)),
        "rotherham": participation("rotherham"),
        "hackney": participation("hackney", "awarded", workflow.add_years(today, -2) - timedelta(days=1)),
        "leicester": participation("leicester", "revoked", reason="No evidence was provided for pledges 2 and 5."),
    }


def validate_register(document):
    """Against the served OpenAPI document's own schema (its $refs resolve inside it)."""
    schema = {**json.loads(OPENAPI.read_text()), "$ref": "#/components/schemas/Register"}
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_register_lists_every_signed_council_with_its_status_today(client, councils, language):
    body = client.get(f"/{language}/mishto/").content.decode()
    assert f'lang="{language}"' in body
    for slug in councils:
        assert f'href="/{language}/mishto/{slug}/"' in body
    assert 'status--expired' in body and 'status--awarded' in body and 'status--revoked' in body
    assert "Sheffield" not in body  # never signed


def test_register_filters_by_region_and_status(client, councils):
    london = client.get("/en/mishto/", {"region": "London"}).content.decode()
    assert "/en/mishto/hackney/" in london and "/en/mishto/derby/" not in london
    expired = client.get("/en/mishto/", {"status": "expired"}).content.decode()
    assert "/en/mishto/hackney/" in expired and "/en/mishto/derby/" not in expired
    assert client.get("/en/mishto/", {"status": "nonsense"}).status_code == 200


def test_authority_page_shows_the_commitment_contacts_services_and_badge(client, councils):
    body = client.get("/en/mishto/derby/").content.decode()
    assert "We commit to the six Mishto pledges." in body and "Director of Children&#x27;s Services" in body
    assert 'href="/en/mishto/pledges/v1/"' in body
    assert 'href="/en/services/?la=derby"' in body
    assert "/api/mishto/badges/derby.svg?sig=" in body and "/en/mishto/verify/derby/?sig=" in body
    revoked = client.get("/en/mishto/leicester/").content.decode()
    assert "No evidence was provided for pledges 2 and 5." in revoked and "badges/leicester.svg" not in revoked
    assert "badges/hackney.svg" not in client.get("/en/mishto/hackney/").content.decode()  # expired
    assert client.get("/en/mishto/sheffield/").status_code == 404


def test_the_json_register_is_valid_against_its_openapi_document(client, councils):
    response = client.get("/api/mishto/authorities")
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    validate_register(document)
    by_slug = {item["slug"]: item for item in document["contents"]}
    assert by_slug["hackney"]["status"] == "expired" and by_slug["derby"]["status"] == "awarded"
    assert by_slug["derby"]["expires_on"] == workflow.expires_on(councils["derby"]).isoformat()
    assert [item["slug"] for item in client.get("/api/mishto/authorities", {"status": "revoked"}).json()["contents"]] == ["leicester"]
    assert client.get("/api/mishto/authorities", {"status": "gold"}).status_code == 400
    assert client.get("/api/mishto/authorities", {"region": "Atlantis"}).status_code == 400
    assert client.get("/api/mishto/openapi.json").json()["openapi"].startswith("3.1")


def test_a_genuine_badge_verifies_and_a_tampered_one_does_not(client, councils):
    derby = councils["derby"]
    sig = badge.signature(derby)
    assert badge.verify(derby, sig)
    assert not badge.verify(derby, sig[:-1] + ("A" if sig[-1] != "A" else "B"))
    assert not badge.verify(derby, "")
    assert not badge.verify(councils["rotherham"], badge.signature(councils["rotherham"]))  # never awarded
    assert not badge.verify(councils["hackney"], badge.signature(councils["hackney"]))  # expired
    good = client.get(f"/api/mishto/badges/derby.svg?sig={sig}")
    assert good["Content-Type"].startswith("image/svg+xml") and good["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "Derby" in good.content.decode() and "Not valid" not in good.content.decode()
    forged = client.get(f"/api/mishto/badges/rotherham.svg?sig={sig}").content.decode()
    assert "Not valid" in forged
    assert "Not valid" in client.get("/api/mishto/badges/nowhere.svg?sig=x").content.decode()
    assert "holds a valid Mishto Quality Mark today" in client.get(f"/en/mishto/verify/derby/?sig={sig}").content.decode()
    # An altered link says only that: never "not valid" beside "Quality Mark awarded".
    altered = client.get("/en/mishto/verify/derby/?sig=forged").content.decode()
    assert "is not one the hub gave" in altered and "Quality Mark awarded" not in altered and "holds a valid" not in altered
    expired = client.get(f"/en/mishto/verify/hackney/?sig={badge.signature(councils['hackney'])}").content.decode()
    assert "This badge is not valid" in expired and "is not one the hub gave" not in expired


def test_a_badge_stops_verifying_when_its_mark_expires_or_is_awarded_again(councils):
    derby = councils["derby"]
    sig = badge.signature(derby)
    expiry = workflow.expires_on(derby)
    assert badge.verify(derby, sig, today=expiry)
    assert not badge.verify(derby, sig, today=expiry + timedelta(days=1))
    derby.awarded_on = timezone.localdate()
    derby.save()
    assert not badge.verify(derby, sig)


def test_the_badge_escapes_the_authority_name(councils):
    derby = councils["derby"]
    derby.authority.name = "Derby <script>"
    assert "<script>" not in badge.svg(derby, True) and "&lt;script&gt;" in badge.svg(derby, True)


def test_the_badge_label_cannot_be_broken_out_of(councils):
    from xml.etree import ElementTree

    derby = councils["derby"]
    derby.authority.name = 'Derby" onload="alert(1)'
    svg = ElementTree.fromstring(badge.svg(derby, True))  # noqa: S314 (the hub's own output, not a reader's XML)
    assert set(svg.attrib) == {"width", "height", "viewBox", "role", "aria-label"}
    assert 'Derby" onload="alert(1)' in svg.attrib["aria-label"]


def test_register_pages_are_in_the_sitemap(client, councils):
    body = client.get("/sitemap.xml").content.decode()
    assert "/ro/mishto/</loc>" in body and "/sk/mishto/derby/</loc>" in body


def test_register_is_empty_but_helpful_before_anyone_signs(client):
    body = client.get("/en/mishto/").content.decode()
    assert "0 councils" in body and "No council matches these choices yet." in body
    assert re.search(r'href="/en/mishto/pledges/"', body)


@pytest.mark.usefixtures("councils")
def test_a_status_change_reaches_the_cached_register_at_once(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    assert "status--revoked" in client.get("/en/mishto/").content.decode()
    assert client.get("/en/mishto/")["X-Page-Cache"] == "hit"
    Participation.objects.filter(authority__slug="leicester").delete()
    assert "/en/mishto/leicester/" not in client.get("/en/mishto/").content.decode()


def test_every_council_has_its_area_centre_from_ons():
    located = LocalAuthority.objects.exclude(ons_code="").exclude(slug="demonstration-borough")
    assert located.filter(latitude=None).count() == 0
    derby = LocalAuthority.objects.get(slug="derby")
    assert 52.8 < derby.latitude < 53.0 and -1.6 < derby.longitude < -1.4  # inside the city, not typed by hand


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_register_map_mirrors_the_list(client, councils, settings, language):
    settings.MAP_TILE_URL = "https://tile.example.org/{z}/{x}/{y}.png"
    LocalAuthority.objects.filter(slug="rotherham").update(latitude=None, longitude=None)
    response = client.get(f"/{language}/mishto/")
    body = response.content.decode()
    located = re.findall(r'<li class="result" data-lat="(-?\d+\.\d+)" data-lon="(-?\d+\.\d+)" data-title="([^"]+)"', body)
    assert sorted(name for *_, name in located) == ["Derby", "Hackney", "Leicester"]  # Rotherham has no centre now
    assert 'data-map-list="register-list"' in body and "data-map-toggle" in body
    assert "https://tile.example.org" in response["Content-Security-Policy"]
    assert "Office for National Statistics" in body or language != "en"


def test_no_map_control_when_no_listed_council_has_a_centre(client, councils):
    LocalAuthority.objects.update(latitude=None, longitude=None)
    body = client.get("/en/mishto/").content.decode()
    assert "data-map-toggle" not in body and "data-lat" not in body


def test_the_json_register_gives_each_area_centre(client, councils):
    document = client.get("/api/mishto/authorities").json()
    validate_register(document)
    centre = {item["slug"]: item["area_centre"] for item in document["contents"]}["derby"]
    derby = LocalAuthority.objects.get(slug="derby")
    assert centre == {"latitude": derby.latitude, "longitude": derby.longitude}
