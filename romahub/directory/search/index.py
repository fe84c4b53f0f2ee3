"""The directory's search index: every listed service's filters, words and places, in memory,
with what a result shows, the search form's choices and the offline geocoder's places, and the
queries over them (a word, nearest first).

A service is a position: its place among the listed services sorted by name (ties by id).
Every filter is then a set of positions (bitsets.py), so a search is a few `&` and `|`, the
total is a bit count, and a page sorted by name is the set's next twenty members. With 50,000
services the same search in SQL counted and sorted tens of thousands of rows per request
(docs/decisions.md). build.py fills it from the database; cache.py keeps one per process.
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import NamedTuple

from romahub.core.languages import TitleAndSummary, in_language
from romahub.directory import bitsets
from romahub.directory.geocoding import EARTH_RADIUS_KM
from romahub.directory.words import fold, words_in

CELL_DEGREES = 0.05  # the places grid: about 5.5 km north to south, 3.5 km west to east in England
# Sorting by distance: up to FEW_MATCHES located matches are all measured; more are looked for in
# a growing box on the grid, while the page ends within the first BOX_SEARCH_UP_TO.
FEW_MATCHES = 2000
BOX_SEARCH_UP_TO = 200
# The first box's radius: small, as only the points in the cells it touches are measured; it
# grows at least twofold until it holds the page. (Measured with bench/scale.py: 10 km took
# twice as long where services are dense, and sparse places add a cheap step or two.)
FIRST_RADIUS_KM = 2.5
LAST_RADIUS_KM = 640.0  # a box wider than this measures every point instead
_PREFIX_MEMO_SIZE = 4096


class TermName(NamedTuple):
    pk: object
    slug: str
    name: str
    name_sk: str
    name_ro: str

    @property
    def label(self) -> str:
        return in_language(self, "name")


class Area(NamedTuple):
    """A council area as the search form offers it."""

    pk: int
    slug: str
    name: str


@dataclass(slots=True)
class Card(TitleAndSummary):
    """What a result shows of a listed service (directory/result_html.py)."""

    pk: str  # the database's text for the id
    name: str
    name_sk: str
    name_ro: str
    description: str
    description_sk: str
    description_ro: str
    organisation: str
    url: str
    cost: str
    phones: list = field(default_factory=list)  # numbers
    languages: list = field(default_factory=list)  # (ISO 639 code, the name as stored)


@dataclass
class SearchIndex:
    token: str | None
    cards: list[Card]  # by position
    terms: dict = field(default_factory=dict)  # taxonomy term pk: services
    term_names: list[tuple] = field(default_factory=list)  # pk and folded en, sk, ro names
    # The search form's choices: {taxonomy slug: [TermName, in the terms' order]}.
    term_choices: dict[str, list[TermName]] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)  # ISO 639 code: services
    free: int = 0
    areas: dict[int, int] = field(default_factory=dict)  # local authority pk: services
    national: int = 0
    located: int = 0
    # Points as (latitude, longitude, and both in radians, with the latitude's cosine): distances
    # to tens of thousands of points are compared, without converting each every time.
    places: dict[int, list[tuple]] = field(default_factory=dict)  # position: its points
    grid: dict[tuple[int, int], list[tuple]] = field(default_factory=dict)  # cell: (position, *point)
    points: list[tuple] = field(default_factory=list)  # every (position, *point) of the grid
    authorities: list[Area] = field(default_factory=list)  # council areas, A to Z
    gazetteer: dict = field(default_factory=dict)  # the offline geocoder's places (geocoding.py)
    vocabulary: list[str] = field(default_factory=list)  # sorted
    postings: dict[str, int | array] = field(default_factory=dict)
    _prefixes: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        return len(self.cards)

    @property
    def everything(self) -> int:
        return bitsets.all_below(self.size)

    def with_word(self, typed: str, language: str = "en") -> int:
        """Services whose text or organisation has words starting as `typed`'s do, or whose kind of
        help or audience is named with it (in English or the reader's language)."""
        parts = words_in(typed)
        if not parts:
            return self.everything  # only punctuation: nothing to look for
        found = self.everything
        for part in parts:
            found &= self._with_prefix(part)
        wanted = fold(typed.strip())
        for pk, english, slovak, romanian in self.term_names:
            if wanted in english or (language == "sk" and wanted in slovak) or (language == "ro" and wanted in romanian):
                found |= self.terms.get(pk, 0)
        return found

    def _with_prefix(self, prefix: str) -> int:
        known = self._prefixes.get(prefix)
        if known is not None:
            return known
        found = 0
        start = bisect_left(self.vocabulary, prefix)
        for word in self.vocabulary[start:]:
            if not word.startswith(prefix):
                break
            posting = self.postings[word]
            found |= posting if isinstance(posting, int) else bitsets.from_positions(posting, self.size)
        if len(self._prefixes) >= _PREFIX_MEMO_SIZE:
            self._prefixes.clear()
        self._prefixes[prefix] = found
        return found

    def nearest(self, matching: int, latitude: float, longitude: float, need: int | None = None) -> list[tuple[float, int]]:
        """(closeness, position) for matching located services, nearest first (ties by name): the
        first `need`, or all of them. Closeness is the haversine of the distance to the service's
        nearest point, which orders as the distance does (closeness_km gives the km).

        Few matches: their points are measured. Many: the grid is read in a box around the place
        that grows until it holds `need` services within its radius (a service whose nearest point
        is in the box but beyond the radius may be nearer through a point outside the box, so it
        waits for a larger box); a box past 640 km, or no `need`, measures them all.
        """
        matching &= self.located
        count = matching.bit_count()
        if need is not None and count > FEW_MATCHES and need <= BOX_SEARCH_UP_TO:
            packed = bitsets.as_bytes(matching, self.size)
            radius = FIRST_RADIUS_KM
            while radius <= LAST_RADIUS_KM:
                found = self._within(packed, latitude, longitude, radius)
                if len(found) >= need:
                    return heapq.nsmallest(need, ((closeness, position) for position, closeness in found.items()))
                radius *= max(2.0, 1.5 * math.sqrt(need / len(found))) if found else 4.0
        measured = self._all(matching, count, latitude, longitude)
        if need is not None and need * 4 < len(measured):
            return heapq.nsmallest(need, measured)
        return sorted(measured)[:need]

    # The two loops below measure up to tens of thousands of points per search: the haversine is
    # written out in them (as closeness_from's) rather than called, which halved their time.

    def _all(self, matching: int, count: int, latitude: float, longitude: float) -> list[tuple[float, int]]:
        lat1, lon1 = math.radians(latitude), math.radians(longitude)
        cos_lat1, sin = math.cos(lat1), math.sin
        if count <= FEW_MATCHES:  # the matches' points
            places = self.places
            return [
                (min(sin((lat2 - lat1) / 2) ** 2 + cos_lat1 * cos_lat2 * sin((lon2 - lon1) / 2) ** 2
                     for _lat, _lon, lat2, lon2, cos_lat2 in places[position]), position)
                for position in bitsets.positions(matching)
            ]
        # Every point, keeping the matches': half the time of going through the matches when
        # they are most of the directory.
        packed, nearest, inf = bitsets.as_bytes(matching, self.size), {}, math.inf
        for position, _lat, _lon, lat2, lon2, cos_lat2 in self.points:
            if packed[position >> 3] >> (position & 7) & 1:  # bitsets.contains
                closeness = sin((lat2 - lat1) / 2) ** 2 + cos_lat1 * cos_lat2 * sin((lon2 - lon1) / 2) ** 2
                if closeness < nearest.get(position, inf):
                    nearest[position] = closeness
        return [(closeness, position) for position, closeness in nearest.items()]

    def _within(self, packed: bytes, latitude: float, longitude: float, radius: float) -> dict[int, float]:
        dlat = radius / (math.pi * EARTH_RADIUS_KM / 180) * 1.01
        widest = math.radians(min(89.0, abs(latitude) + dlat))
        dlon = min(180.0, dlat / max(math.cos(widest), 1e-6))
        lat1, lon1 = math.radians(latitude), math.radians(longitude)
        cos_lat1, sin = math.cos(lat1), math.sin
        limit = math.sin(radius / (2 * EARTH_RADIUS_KM)) ** 2
        found: dict[int, float] = {}
        grid, inf = self.grid, math.inf
        for row in range(cell(latitude - dlat), cell(latitude + dlat) + 1):
            for column in range(cell(longitude - dlon), cell(longitude + dlon) + 1):
                for position, _lat, _lon, lat2, lon2, cos_lat2 in grid.get((row, column), ()):
                    if packed[position >> 3] >> (position & 7) & 1:  # bitsets.contains
                        closeness = sin((lat2 - lat1) / 2) ** 2 + cos_lat1 * cos_lat2 * sin((lon2 - lon1) / 2) ** 2
                        if closeness <= limit and closeness < found.get(position, inf):
                            found[position] = closeness
        return found


def closeness_km(closeness: float) -> float:
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(closeness)))


def closeness_from(latitude: float, longitude: float):
    """The haversine formula up to its last, monotonic step, for a point as the index holds it."""
    lat1, lon1 = math.radians(latitude), math.radians(longitude)
    cos_lat1, sin = math.cos(lat1), math.sin

    def measure(point) -> float:
        _lat, _lon, lat2, lon2, cos_lat2 = point
        return sin((lat2 - lat1) / 2) ** 2 + cos_lat1 * cos_lat2 * sin((lon2 - lon1) / 2) ** 2

    return measure


def cell(degrees: float) -> int:
    """The row (of a latitude) or column (of a longitude) of the places grid."""
    return math.floor(degrees / CELL_DEGREES)
