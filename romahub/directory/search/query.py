"""Find services for a reader: plain functions over the search index, used by the search page.

Filters narrow the set; a place, when given, sorts it by the distance to each service's nearest
location (services with no location go last, as they may still serve the area by phone).
The index holds what a result shows, so a page of results costs no further query.
"""

from dataclasses import dataclass, field

from romahub.directory import bitsets
from romahub.directory.geocoding import Point
from romahub.directory.models import TaxonomyTerm
from romahub.directory.search.cache import current
from romahub.directory.search.index import Area, Card, SearchIndex, TermName, closeness_from, closeness_km
from romahub.places.models import LocalAuthority

KM_PER_MILE = 1.609344
MAX_WORDS = 8


@dataclass
class Result:
    card: Card
    distance_km: float | None = None
    point: tuple[float, float] | None = None  # its nearest point to the place, or its first

    @property
    def distance_miles(self) -> float | None:
        return None if self.distance_km is None else self.distance_km / KM_PER_MILE


@dataclass
class Filters:
    query: str = ""
    # Terms and areas as models or as the search form's records (index.TermName, Area): only
    # their pk is used.
    help: list[TaxonomyTerm | TermName] = field(default_factory=list)  # any of these
    audience: TaxonomyTerm | TermName | None = None
    language: str = ""
    free_only: bool = False
    authority: LocalAuthority | Area | None = None
    point: Point | None = None


def matching(filters: Filters, language: str = "en", index: SearchIndex | None = None) -> int:
    """The positions (index.py) of the listed services that match every filter, as a bitset."""
    index = index or current()
    found = index.everything
    for word in filters.query.split()[:MAX_WORDS]:
        found &= index.with_word(word, language)
    if filters.help:
        any_help = 0
        for term in filters.help:
            any_help |= index.terms.get(term.pk, 0)
        found &= any_help
    if filters.audience:
        found &= index.terms.get(filters.audience.pk, 0)
    if filters.language:
        found &= index.languages.get(filters.language, 0)
    if filters.free_only:
        found &= index.free
    if filters.authority:
        found &= index.areas.get(filters.authority.pk, 0) | index.national
    return found


def search_services(filters: Filters, language: str = "en", page: int = 1, per_page: int = 20,
                    index: SearchIndex | None = None) -> tuple[list[Result], int]:
    """One page of results and the total, all from the index.

    Without a place: by name. With one: nearest first (ties by name), then the services with no
    location, by name.
    """
    index = index or current()
    found = matching(filters, language, index)
    total = found.bit_count()
    start = (page - 1) * per_page
    if start >= total:
        return [], total
    if not filters.point:
        return [_result(index, position) for position in bitsets.positions(found, skip=start, count=per_page)], total
    point = filters.point
    located = (found & index.located).bit_count()
    end = start + per_page
    nearest = index.nearest(found, point.latitude, point.longitude, need=end if end <= located else None)
    results = [_result(index, position, closeness, point) for closeness, position in nearest[start:end]]
    if len(results) < per_page:
        # Past the located services: those with no location follow, by name.
        unlocated = found & ~index.located
        positions = bitsets.positions(unlocated, skip=max(0, start - located), count=per_page - len(results))
        results += [_result(index, position) for position in positions]
    return results, total


def _result(index: SearchIndex, position: int, closeness: float | None = None, place: Point | None = None) -> Result:
    card, points = index.cards[position], index.places.get(position)
    if not points:
        return Result(card)
    if place is None:
        return Result(card, None, points[0][:2])
    measure = closeness_from(place.latitude, place.longitude)
    return Result(card, closeness_km(closeness), min(points, key=measure)[:2])
