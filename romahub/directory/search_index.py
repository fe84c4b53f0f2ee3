"""The directory's search index: every listed service's filters, words and places, in memory,
with what a result shows, the search form's choices and the offline geocoder's places.

Each server process builds it as it starts (warm(), from romahub/wsgi.py) or on its first
search, and again on the first search after any directory record changes (SearchIndexRevision,
bumped by the signals at the end of this file). A service is a position: its place among the listed services sorted by name
(ties by id). Every filter is then a set of positions (bitsets.py), so a search is a few `&` and
`|`, the total is a bit count, and a page sorted by name is the set's next twenty members. With
50,000 services the same search in SQL counted and sorted tens of thousands of rows per request
(docs/decisions.md).

Code that writes directory rows without model signals (bulk_create, QuerySet.update, raw SQL)
calls `changed()` in the same transaction.
"""

from __future__ import annotations

import gc
import heapq
import logging
import math
import threading
import uuid
from array import array
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import DatabaseError, connection, connections
from django.db.models import CharField
from django.db.models.functions import Cast
from django.db.models.signals import m2m_changed, post_delete, post_save

from romahub.core.languages import TitleAndSummary, in_language
from romahub.directory import bitsets
from romahub.directory.geocoding import EARTH_RADIUS_KM, gazetteer
from romahub.directory.words import fold, words_in

logger = logging.getLogger(__name__)
# Which services are listed is one rule, Service.objects.listed(): published, with LISTED_STATUSES.
# A service area with one of these names covers every local authority.
NATIONAL_AREAS = ("England", "United Kingdom", "UK", "England and Wales", "Great Britain")
CELL_DEGREES = 0.05  # the places grid: about 5.5 km north to south, 3.5 km west to east in England
MAX_WORDS = 8
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
        for row in range(_cell(latitude - dlat), _cell(latitude + dlat) + 1):
            for column in range(_cell(longitude - dlon), _cell(longitude + dlon) + 1):
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


def _cell(degrees: float) -> int:
    return math.floor(degrees / CELL_DEGREES)


def build(token: str | None = None) -> SearchIndex:
    """Read every listed service and what it is filtered by: a handful of queries."""
    from romahub.directory.models import (
        Location,
        Phone,
        Service,
        ServiceArea,
        ServiceAtLocation,
        ServiceLanguage,
        TaxonomyTerm,
    )
    from romahub.places.models import LocalAuthority

    rows = (
        Service.objects.listed()
        .order_by("name", "id")
        .annotate(key=_text("pk"))
        .values_list("key", "cost", "url", "name", "name_sk", "name_ro", "description", "description_sk", "description_ro", "organization__name")
    )
    index = SearchIndex(token=token, cards=[])
    position_of: dict[str, int] = {}
    free: list[int] = []
    words: dict[str, list[int]] = defaultdict(list)
    for position, (pk, cost, url, *text) in enumerate(rows):
        index.cards.append(Card(pk, *text, url=url, cost=cost))
        position_of[pk] = position
        if cost == "free":
            free.append(position)
        for word in set(words_in(" ".join(part or "" for part in text))):
            words[word].append(position)
    for service, number in Phone.objects.annotate(key=_text("service_id")).order_by("service_id", "id").values_list("key", "number"):
        if service in position_of:
            index.cards[position_of[service]].phones.append(number)
    # Lists, not querysets: each is read twice below.
    languages = list(ServiceLanguage.objects.annotate(key=_text("service_id")).order_by("name").values_list("key", "code", "name"))
    for service, code, name in languages:
        if service in position_of:
            index.cards[position_of[service]].languages.append((code, name))
    size = index.size
    index.free = bitsets.from_positions(free, size)
    # A common word is cheaper as a bitset (size / 8 bytes); a rare one as a list of positions.
    for word, positions in words.items():
        index.postings[word] = bitsets.from_positions(positions, size) if len(positions) * 32 >= size else array("I", positions)
    index.vocabulary = sorted(index.postings)

    index.terms = _grouped(Service.terms.through.objects.annotate(key=_text("service_id")).values_list("taxonomyterm_id", "key"), position_of, size)
    for pk, taxonomy, *names in TaxonomyTerm.objects.values_list("pk", "taxonomy__slug", "slug", "name", "name_sk", "name_ro"):
        term = TermName(pk, *names)
        index.term_names.append((pk, fold(term.name), fold(term.name_sk), fold(term.name_ro)))
        index.term_choices.setdefault(taxonomy, []).append(term)
    index.languages = _grouped(((code, service) for service, code, _name in languages), position_of, size)
    areas = list(ServiceArea.objects.annotate(key=_text("service_id")).values_list("local_authority_id", "key", "name"))
    index.areas = _grouped(((la, service) for la, service, _name in areas if la is not None), position_of, size)
    index.national = bitsets.from_positions(
        (position_of[service] for _la, service, name in areas if name in NATIONAL_AREAS and service in position_of), size
    )
    located = ServiceAtLocation.objects.filter(location__latitude__isnull=False, location__longitude__isnull=False)
    for service, lat, lon in located.annotate(key=_text("service_id")).values_list("key", "location__latitude", "location__longitude"):
        position = position_of.get(service)
        if position is not None:
            point = (lat, lon, math.radians(lat), math.radians(lon), math.cos(math.radians(lat)))
            index.places.setdefault(position, []).append(point)
            entry = (position, *point)
            index.grid.setdefault((_cell(lat), _cell(lon)), []).append(entry)
            index.points.append(entry)
    index.authorities = [Area(*row) for row in LocalAuthority.objects.order_by("name").values_list("pk", "slug", "name")]
    # Every located location, whatever its services' status: a reader may look for any place.
    known = Location.objects.filter(latitude__isnull=False, longitude__isnull=False)
    index.gazetteer = gazetteer(known.values_list("latitude", "longitude", "postal_code", "city"))
    index.located = bitsets.from_positions(index.places, size)
    return index


def _text(column: str) -> Cast:
    """A UUID column as the database's text for it: half a million ids are read, and making UUID
    objects of them took longer than the rest of the build."""
    return Cast(column, output_field=CharField())


def _grouped(pairs, position_of: dict, size: int) -> dict:
    """{key: the set of positions} from (key, service id) pairs, leaving out unlisted services."""
    groups: dict = defaultdict(list)
    for key, service in pairs:
        position = position_of.get(service)
        if position is not None:
            groups[key].append(position)
    return {key: bitsets.from_positions(positions, size) for key, positions in groups.items()}


_current: SearchIndex | None = None
_building = threading.Lock()


def current() -> SearchIndex:
    """The index for the directory as it is now: one small query when nothing has changed."""
    global _current
    token = _revision()
    index = _current
    if index is None or index.token != token:
        with _building:
            index = _current
            if index is None or index.token != token:
                index = _current = build(token)
                # The index is hundreds of thousands of long-lived objects without cycles: out of
                # the collector's way, or each full collection walks them all (100 ms at 50,000).
                # Collected first, so no garbage of the moment is frozen with it.
                gc.collect()
                gc.freeze()
    return index


def warm() -> None:
    """Build the index now, before a first reader waits for it (romahub/wsgi.py, as each server
    process starts). A database not yet migrated is no error: the first search builds it."""
    try:
        current()
    except DatabaseError as error:
        logger.warning("Search index not built at start: %s", error.__class__.__name__)
    finally:
        connections.close_all()  # nothing opened here is carried into a forked worker


def _revision() -> str | None:
    """The token, read with a plain cursor: asked on every search, and the ORM's query took
    thirty times as long as the database's answer."""
    from romahub.directory.models import SearchIndexRevision

    table = connection.ops.quote_name(SearchIndexRevision._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")  # noqa: S608 (a model's table name)
        row = cursor.fetchone()
    return row[0] if row else None


def changed(action: str = "", **_signal) -> None:
    """Every process's index is out of date from this transaction's commit on."""
    from romahub.directory.models import SearchIndexRevision

    if action.startswith("pre_"):
        return  # m2m_changed: the post_ signal follows
    token = uuid.uuid4().hex
    if not SearchIndexRevision.objects.filter(pk=1).update(token=token):
        SearchIndexRevision.objects.create(pk=1, token=token)


def connect_signals() -> None:
    from romahub.directory.models import Service

    models = ("Service", "Organization", "Location", "TaxonomyTerm", "Phone", "ServiceLanguage", "ServiceArea", "ServiceAtLocation")
    for model in [f"directory.{name}" for name in models] + ["places.LocalAuthority"]:
        post_save.connect(changed, sender=model, dispatch_uid=f"search-index-{model}-save")
        post_delete.connect(changed, sender=model, dispatch_uid=f"search-index-{model}-delete")
    m2m_changed.connect(changed, sender=Service.terms.through, dispatch_uid="search-index-terms")
