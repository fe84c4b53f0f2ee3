"""The README's promise: the hub never keeps a postcode or a location a reader searched near."""

import pickle

import pytest
from django.core.cache import cache
from django.test import override_settings

from romahub.directory import geocoding
from romahub.directory.tests.helpers import make_service

pytestmark = pytest.mark.django_db


def everything_cached() -> list[bytes]:
    """Every key and value in the default cache, as bytes (local memory or Redis)."""
    backend = cache._cache if hasattr(cache, "_cache") else None
    if isinstance(backend, dict):  # LocMemCache: {key: pickled value}
        return [key.encode() + b" " + value for key, value in backend.items()]
    client = cache._cache.get_client()
    return [key + b" " + (client.get(key) or b"") for key in client.keys("*")]


def holds(entries: list[bytes], text: str) -> bool:
    needles = {text.encode(), pickle.dumps(text)[2:-2]}
    return any(needle in entry for entry in entries for needle in needles)


@pytest.mark.parametrize("params,secret", [
    ({"near": "DE22 1AB"}, "DE22 1AB"),                         # a full postcode, known by its district
    ({"near": "de22"}, "DE22"),
    ({"near": "Derby", "help": "advocacy"}, "Derby"),
    ({"lat": "52.9117", "lon": "-1.5023"}, "52.9117"),          # the browser's location
    ({"near": "Nowhere Known 77"}, "Nowhere Known 77"),         # not found: an error page, not kept either
])
def test_a_search_by_place_is_not_kept_in_the_page_cache(client, params, secret):
    make_service("Derby Roma advocacy", latitude=52.922, longitude=-1.476, postcode="DE22 3AA", city="Derby")
    for _ in range(2):
        response = client.get("/en/services/", params)
        assert response.status_code == 200
        assert response.get("X-Page-Cache") != "hit"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert not holds(everything_cached(), secret)


def test_a_search_without_a_place_is_still_cached(client):
    make_service("Derby Roma advocacy", latitude=52.922, longitude=-1.476, postcode="DE22 3AA", city="Derby")
    client.get("/en/services/", {"help": "advocacy"})
    assert client.get("/en/services/", {"help": "advocacy"})["X-Page-Cache"] == "hit"


@override_settings(DIRECTORY_GEOCODER="postcodes.io")
def test_postcodes_io_answers_for_full_postcodes_are_never_cached(monkeypatch):
    asked = []

    def fetch(self, place):
        asked.append(place)
        return geocoding.Point(51.5, -0.12, place)

    monkeypatch.setattr(geocoding.PostcodesIoGeocoder, "_fetch", fetch)
    for _ in range(2):
        assert geocoding.geocoder().lookup("sw1a 1aa") == geocoding.Point(51.5, -0.12, "SW1A 1AA")
    assert asked == ["SW1A 1AA", "SW1A 1AA"]
    assert not holds(everything_cached(), "SW1A 1AA") and not holds(everything_cached(), "SW1A1AA")
    # Districts and towns are in the offline gazetteer; a name it lacks is asked for once and
    # kept, as a place shared by thousands says nothing about anyone.
    for _ in range(2):
        assert geocoding.geocoder().lookup("sw1a").label == "SW1A"
        geocoding.geocoder().lookup("Page Hall")
    assert asked[2:] == ["Page Hall"]
