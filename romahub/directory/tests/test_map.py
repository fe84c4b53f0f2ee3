"""The map control: present only where the list has located services, coordinates that survive
Slovak and Romanian number formats, and a CSP that admits the configured tile host on directory
pages only (cached copies included)."""

import re

import pytest
from django.test import override_settings

from romahub.core.middleware import map_tile_origin
from romahub.directory.tests.helpers import make_service

pytestmark = pytest.mark.django_db
OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def img_src(response) -> str:
    return re.search(r"img-src ([^;]*)", response["Content-Security-Policy"]).group(1)


def test_tile_origin_allows_subdomain_templates():
    assert map_tile_origin(OSM) == "https://tile.openstreetmap.org"
    assert map_tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_located_results_carry_dot_decimal_coordinates_and_the_map_control(client, language):
    make_service("Derby Roma advocacy", latitude=52.922, longitude=-1.476, postcode="DE1 3AA", city="Derby")
    body = client.get(f"/{language}/services/", {"near": "DE1"}).content.decode()
    assert 'data-lat="52.922" data-lon="-1.476"' in body
    assert "data-map " in body and "directory/js/map.js" in body
    assert "leaflet.js" in body  # only as a data attribute: map.js loads it on request
    assert '<script src="/static/directory/vendor' not in body


def test_no_map_control_when_nothing_in_the_list_has_a_place(client):
    make_service("Phone-only advice")
    body = client.get("/en/services/", {"q": "phone-only"}).content.decode()
    assert "Phone-only advice" in body and "data-map " not in body


def test_service_page_offers_the_map_for_a_public_address(client):
    located = make_service("Derby Roma advocacy", latitude=52.922, longitude=-1.476, postcode="DE1 3AA", city="Derby")
    unlocated = make_service("Phone-only advice")
    assert 'data-map-list="contact"' in client.get(f"/sk/services/{located.pk}/").content.decode()
    assert "data-map " not in client.get(f"/sk/services/{unlocated.pk}/").content.decode()


@override_settings(MAP_TILE_URL=OSM, PAGE_CACHE_ENABLED=True)
def test_csp_admits_the_tile_host_on_directory_pages_only(client):
    make_service("Derby Roma advocacy", latitude=52.922, longitude=-1.476, postcode="DE1 3AA", city="Derby")
    first, cached = client.get("/en/services/"), client.get("/en/services/")
    assert cached.get("X-Page-Cache") == "hit"
    for response in (first, cached):
        assert "https://tile.openstreetmap.org" in img_src(response)
    assert "openstreetmap" not in img_src(client.get("/en/"))


@override_settings(MAP_TILE_URL="")
def test_no_tile_host_without_a_tile_setting(client):
    assert img_src(client.get("/en/services/")).strip() == "'self'"
