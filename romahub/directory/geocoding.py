"""Turn a postcode or town someone typed into a point on the map.

`geocoder()` returns the backend named by `settings.DIRECTORY_GEOCODER`:
- "offline" (the default, and what the tests use): places the directory already knows — its
  own locations' full postcodes, postcode districts (the part before the space) and towns.
  Nothing leaves the server.
- "postcodes.io": the public postcodes.io service for any UK postcode (districts' and towns'
  answers cached, full postcodes' never), with a short
  timeout; when it cannot be reached the reader is told so, and the offline backend still
  answers for places the directory knows.
"""

import json
import math
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$")
DISTRICT = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    label: str = ""


class GeocoderUnavailable(Exception):
    """The lookup service did not answer; say so, do not pretend the place is unknown."""


def normalise(query: str) -> str:
    """'sw1a1aa' -> 'SW1A 1AA'; 'sw1a' -> 'SW1A'; towns -> 'Derby'."""
    text = " ".join(query.split()).strip()
    compact = text.upper().replace(" ", "")
    match = POSTCODE.match(compact)
    if match:
        return f"{match.group(1)} {match.group(2)}"
    if DISTRICT.match(compact):
        return compact
    return text.title()


def distance_km(a: Point, latitude: float, longitude: float) -> float:
    """Great-circle distance (haversine)."""
    lat1, lat2 = math.radians(a.latitude), math.radians(latitude)
    dlat, dlon = lat2 - lat1, math.radians(longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class OfflineGeocoder:
    """Places the directory already knows: its locations' postcodes, postcode districts and towns,
    each at the average of its located locations. The search index holds them (search_index.py),
    so a lookup is a dictionary's: scanning the locations took 10 ms at 50,000 of them."""

    def lookup(self, query: str) -> Point | None:
        from romahub.directory import search_index

        place = normalise(query)
        if not place:
            return None
        places = search_index.current().gazetteer
        if POSTCODE.match(place.replace(" ", "")):
            # An unknown unit of a known district: the district's centre.
            found = places.get(("postcode", place)) or places.get(("district", place.split()[0]))
        elif DISTRICT.match(place):
            found = places.get(("district", place))
        else:
            found = places.get(("town", place.casefold()))
        return Point(found[0], found[1], place) if found else None


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
        # A full postcode is a handful of homes: its answer is never kept. A district or a town is
        # shared by thousands, so keeping its answer says nothing about anyone.
        key = None if POSTCODE.match(place.replace(" ", "")) else f"geocode:postcodes.io:{place}"
        cached = cache.get(key) if key else None
        if cached is not None:
            return Point(*cached) if cached else None
        known = self.offline.lookup(place)
        if known:
            return known
        point = self._fetch(place)
        if key:
            cache.set(key, (point.latitude, point.longitude, point.label) if point else (), 60 * 60 * 24 * 30)
        return point

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
        return Point(float(result["latitude"]), float(result["longitude"]), place)


def geocoder():
    if settings.DIRECTORY_GEOCODER == "postcodes.io":
        return PostcodesIoGeocoder()
    return OfflineGeocoder()
