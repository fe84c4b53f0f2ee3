"""Turn a postcode or town someone typed into a point on the map.

`geocoder()` returns the backend named by `settings.DIRECTORY_GEOCODER`:
- "offline" (the default, and what the tests use): every postcode district and town of the UK
  from the places gazetteer (romahub/places/gazetteer.py, ONS and GeoNames open data), a full
  postcode at its district's centre, or at its own point where a directory location has it.
  Nothing leaves the server.
- "postcodes.io": the public postcodes.io service for any UK postcode (districts' and towns'
  answers cached, full postcodes' never), with a short
  timeout; when it cannot be reached the reader is told so, and the offline backend still
  answers for places the directory knows.
"""

import json
import math
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from romahub.places import gazetteer as places
from romahub.places.gazetteer import DISTRICT, ENGLAND, POSTCODE

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    label: str = ""
    country: str = ENGLAND  # places.COUNTRIES

    @property
    def in_england(self) -> bool:
        return self.country == ENGLAND

    @property
    def country_name(self) -> str:
        return str(places.COUNTRIES.get(self.country, self.country))

    @property
    def where(self) -> str:
        """"CF10 1AA is in Wales", in the reader's language."""
        return str(places.IS_IN.get(self.country, places.IS_IN[ENGLAND])) % {"place": self.label}


class GeocoderUnavailable(Exception):
    """The lookup service did not answer; say so, do not pretend the place is unknown."""


def normalise(query: str) -> str:
    """'sw1a1aa' -> 'SW1A 1AA'; 'sw1a' -> 'SW1A'; towns -> 'Derby'."""
    text = places.normalise(query)
    compact = text.replace(" ", "")
    return text if POSTCODE.match(compact) or DISTRICT.match(compact) else text.title()


def distance_km(a: Point, latitude: float, longitude: float) -> float:
    """Great-circle distance (haversine)."""
    lat1, lat2 = math.radians(a.latitude), math.radians(latitude)
    dlat, dlon = lat2 - lat1, math.radians(longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class OfflineGeocoder:
    """The places gazetteer, and what the directory knows better: a full postcode one of its own
    locations has (its own point, not the district's centre), and the towns its locations name
    that the gazetteer lacks. The directory's places are held by the search index
    (search/index.py), so a lookup is a dictionary's."""

    def lookup(self, query: str) -> Point | None:
        # Not at the top: the search index imports this module (its distances and gazetteer).
        from romahub.directory.search import current

        place = normalise(query)
        if not place:
            return None
        known = current().gazetteer
        is_postcode = bool(POSTCODE.match(place.replace(" ", "")))
        if is_postcode and ("postcode", place) in known:
            latitude, longitude = known[("postcode", place)]
            found = places.lookup(place)
            return Point(latitude, longitude, place, found.country if found else ENGLAND)
        found = places.lookup(place)
        if found:
            return Point(found.latitude, found.longitude, place if found.kind in ("postcode", "district") else found.name, found.country)
        # A district or town that only the directory's own locations name.
        name = ("district", place) if DISTRICT.match(place) else None if is_postcode else ("town", place.casefold())
        if name in known:
            latitude, longitude = known[name]
            return Point(latitude, longitude, place)
        return None

    def suggestions(self, query: str) -> list[str]:
        return places.suggestions(query)


def gazetteer(locations) -> dict[tuple[str, str], tuple[float, float]]:
    """{(kind, name): the average point} from (latitude, longitude, postcode, town) rows."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for latitude, longitude, postcode, town in locations:
        postcode = postcode.strip().upper()
        names = [("town", town.strip().casefold())] if town.strip() else []
        if postcode:
            names.append(("postcode", postcode))
            if " " in postcode:
                names.append(("district", postcode.split(" ")[0]))
        for name in names:
            points.setdefault(name, []).append((latitude, longitude))
    return {
        name: (sum(lat for lat, _ in found) / len(found), sum(lon for _, lon in found) / len(found))
        for name, found in points.items()
    }


class PostcodesIoGeocoder:
    def __init__(self, base_url: str | None = None, timeout: float | None = None):
        self.base_url = (base_url or settings.POSTCODES_IO_URL).rstrip("/")
        self.timeout = timeout or settings.GEOCODER_TIMEOUT_SECONDS
        self.offline = OfflineGeocoder()

    def lookup(self, query: str) -> Point | None:
        place = normalise(query)
        if not place:
            return None
        if POSTCODE.match(place.replace(" ", "")):
            # A full postcode is a handful of homes: its own point is asked for each time and its
            # answer never kept. When the service cannot be reached, its district's centre will do.
            try:
                return self._fetch(place)
            except GeocoderUnavailable:
                return self.offline.lookup(place)
        known = self.offline.lookup(place)
        if known:
            return known
        # A district or a town is shared by thousands, so keeping its answer says nothing about anyone.
        key = f"geocode:postcodes.io:{urllib.parse.quote(place.casefold())}"
        cached = cache.get(key)
        if cached is not None:
            return Point(*cached) if cached else None
        point = self._fetch(place)
        cache.set(key, (point.latitude, point.longitude, point.label, point.country) if point else (), 60 * 60 * 24 * 30)
        return point

    def suggestions(self, query: str) -> list[str]:
        return self.offline.suggestions(query)

    def _fetch(self, place: str) -> Point | None:
        compact = place.replace(" ", "")
        if POSTCODE.match(compact):
            url, pick = f"{self.base_url}/postcodes/{urllib.parse.quote(compact)}", lambda r: r
        elif DISTRICT.match(compact):
            url, pick = f"{self.base_url}/outcodes/{urllib.parse.quote(compact)}", lambda r: r
        else:
            url = f"{self.base_url}/places?{urllib.parse.urlencode({'q': place, 'limit': 1})}"
            pick = lambda r: r[0] if r else None  # noqa: E731
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:  # noqa: S310 (https URL from settings)
                result = pick(json.load(response).get("result"))
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise GeocoderUnavailable(str(error)) from error
        except (OSError, ValueError) as error:
            raise GeocoderUnavailable(str(error)) from error
        if not result or result.get("latitude") is None:
            return None
        country = {"England": "E", "Wales": "W", "Scotland": "S", "Northern Ireland": "N"}.get(result.get("country"), ENGLAND)
        return Point(float(result["latitude"]), float(result["longitude"]), place, country)


def geocoder():
    if settings.DIRECTORY_GEOCODER == "postcodes.io":
        return PostcodesIoGeocoder()
    return OfflineGeocoder()
