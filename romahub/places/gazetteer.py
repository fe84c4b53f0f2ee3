"""Every postcode district and town of the United Kingdom, offline: where a typed place is.

The data file (data/gazetteer.json) names its sources and licences: the ONS's postcode points
(Open Government Licence) averaged per postcode district, and GeoNames' towns of more than 1,000
people (CC BY 4.0). The country of each is kept, so a place outside England can say so. A full
postcode resolves to its district's centre: the file holds no single homes' points, and a
district is what a family's search needs.
"""

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).resolve().parent / "data"
POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$")
DISTRICT = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
_AREA_PREFIX = re.compile(r"^(City and Borough of|Metropolitan Borough of|Royal Borough of|Borough of|City of|District of) ")

COUNTRIES = {
    "E": _("England"),
    "W": _("Wales"),
    "S": _("Scotland"),
    "N": _("Northern Ireland"),
    "X": _("the Channel Islands or the Isle of Man"),
}
ENGLAND = "E"
# Whole sentences, not "is in %(country)s": Slovak and Romanian name a country differently after "in".
IS_IN = {
    "E": _("%(place)s is in England"),
    "W": _("%(place)s is in Wales"),
    "S": _("%(place)s is in Scotland"),
    "N": _("%(place)s is in Northern Ireland"),
    "X": _("%(place)s is in the Channel Islands or the Isle of Man"),
}


@dataclass(frozen=True)
class Place:
    name: str  # as the reader should see it: "DE23 6AA", "DE1", "Derby"
    latitude: float
    longitude: float
    country: str = ENGLAND
    kind: str = "town"  # "postcode" (at its district's centre), "district", "town" or "council area"

    @property
    def in_england(self) -> bool:
        return self.country == ENGLAND

    @property
    def country_name(self) -> str:
        return str(COUNTRIES.get(self.country, self.country))


def normalise(query: str) -> str:
    """'de236aa' -> 'DE23 6AA'; 'de1' -> 'DE1'; anything else: its words, spaced once."""
    text = " ".join(query.split()).strip()
    compact = text.upper().replace(" ", "")
    match = POSTCODE.match(compact)
    if match:
        return f"{match.group(1)} {match.group(2)}"
    if DISTRICT.match(compact):
        return compact
    return text


def name_key(name: str) -> str:
    """How names are compared: 'Southend-on-Sea', 'southend on sea' and 'St. Albans' / 'St Albans' meet."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\bsaint\b", "st", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


class Gazetteer:
    def __init__(self, outcodes: dict[str, list], towns: list[list], areas: list[tuple[str, float, float]]):
        self.outcodes = {code: (lat, lon, country) for code, (lat, lon, country) in outcodes.items()}
        self.towns: dict[str, list[Place]] = {}
        self.town_areas: dict[str, set[str]] = {}  # an English town's area, as GeoNames names it
        for name, area, lat, lon, country in towns:
            self.towns.setdefault(name_key(name), []).append(Place(name, lat, lon, country, "town"))
            if country == ENGLAND and area:
                self.town_areas.setdefault(name_key(name), set()).add(_AREA_PREFIX.sub("", area))
        # Council areas by name ("Newham", "Kirklees"), where no town has the name.
        for name, lat, lon in areas:
            self.towns.setdefault(name_key(name), []).append(Place(name, lat, lon, ENGLAND, "council area"))
        for places in self.towns.values():
            # Where names repeat (Newport), England's first: the hub is England's.
            places.sort(key=lambda place: place.country != ENGLAND)
        self.display = {key: places[0].name for key, places in self.towns.items()}

    def lookup(self, query: str) -> Place | None:
        place = normalise(query)
        if not place:
            return None
        match = POSTCODE.match(place.replace(" ", ""))
        if match:
            found = self.outcodes.get(match.group(1))
            return Place(place, found[0], found[1], found[2], "postcode") if found else None
        if DISTRICT.match(place):
            found = self.outcodes.get(place)
            return Place(place, found[0], found[1], found[2], "district") if found else None
        towns = self.towns.get(name_key(place))
        return towns[0] if towns else None

    def areas_of_town(self, query: str) -> set[str]:
        """The areas GeoNames puts an English town in ('Gravesend' -> {'Kent'}, 'Dewsbury' ->
        {'Kirklees'}), without 'Borough of' and the like. An area is not always a council today:
        GeoNames keeps some older counties, and 'Greater London' is no borough."""
        return set(self.town_areas.get(name_key(query), set()))

    def suggestions(self, query: str, count: int = 3) -> list[str]:
        """Names close to a misspelt one ('Sheffeild' -> 'Sheffield'), England's first."""
        key = name_key(query)
        if len(key) < 3 or DISTRICT.match(query.upper().replace(" ", "")):
            return []
        close = difflib.get_close_matches(key, self.display.keys(), n=count * 3, cutoff=0.75)
        close.sort(key=lambda found: (self.towns[found][0].country != ENGLAND, -difflib.SequenceMatcher(None, key, found).ratio()))
        return [self.display[found] for found in close[:count]]


@cache
def gazetteer() -> Gazetteer:
    data = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
    centres = json.loads((DATA / "centroids.json").read_text(encoding="utf-8"))["points"]
    areas = [
        (row["name"], *centres[row["ons_code"]])
        for row in json.loads((DATA / "local_authorities.json").read_text(encoding="utf-8"))
        if row.get("ons_code") in centres
    ]
    return Gazetteer(data["outcodes"], data["towns"], areas)


def lookup(query: str) -> Place | None:
    return gazetteer().lookup(query)


def suggestions(query: str, count: int = 3) -> list[str]:
    return gazetteer().suggestions(query, count)


def areas_of_town(query: str) -> set[str]:
    return gazetteer().areas_of_town(query)


def england_outcodes() -> list[str]:
    return sorted(code for code, (_lat, _lon, country) in gazetteer().outcodes.items() if country == ENGLAND)
