"""Find services for a reader: plain functions over the search index, used by the search page.

Filters narrow the set; a place, when given, sorts it by the distance to each service's nearest
location (services with no location go last, as they may still serve the area by phone).
Only the page's services are read from the database, with what a result shows.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from romahub.directory import bitsets, search_index
from romahub.directory.geocoding import Point, distance_km
from romahub.directory.models import Phone, Service, ServiceAtLocation, ServiceLanguage, TaxonomyTerm
from romahub.places.models import LocalAuthority

KM_PER_MILE = 1.609344


@dataclass
class Result:
    service: Service
    distance_km: float | None = None
    location: object = None  # the nearest of its locations on a map, or the first
    phones: list = field(default_factory=list)
    languages: list = field(default_factory=list)

    @property
    def distance_miles(self) -> float | None:
        return None if self.distance_km is None else self.distance_km / KM_PER_MILE


@dataclass
class Filters:
    query: str = ""
    help: list[TaxonomyTerm] = field(default_factory=list)  # any of these
    audience: TaxonomyTerm | None = None
    language: str = ""
    free_only: bool = False
    authority: LocalAuthority | None = None
    point: Point | None = None


def matching(filters: Filters, language: str = "en", index: search_index.SearchIndex | None = None) -> int:
    """The positions (search_index.py) of the listed services that match every filter, as a bitset."""
    index = index or search_index.current()
    found = index.everything
    for word in filters.query.split()[: search_index.MAX_WORDS]:
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


def search_services(filters: Filters, language: str = "en", page: int = 1, per_page: int = 20) -> tuple[list[Result], int]:
    """One page of results and the total.

    Without a place: by name. With one: nearest first (ties by name), then the services with no
    location, by name.
    """
    index = search_index.current()
    found = matching(filters, language, index)
    total = found.bit_count()
    start = (page - 1) * per_page
    if start >= total:
        return [], total
    if not filters.point:
        positions = bitsets.positions(found, skip=start, count=per_page)
    else:
        point = filters.point
        located = (found & index.located).bit_count()
        end = start + per_page
        nearest = index.nearest(found, point.latitude, point.longitude, need=end if end <= located else None)
        positions = [position for _distance, position in nearest[start:end]]
        if len(positions) < per_page:
            # Past the located services: those with no location follow, by name.
            unlocated = found & ~index.located
            positions += bitsets.positions(unlocated, skip=max(0, start - located), count=per_page - len(positions))
    return _in_order([uuid.UUID(index.ids[position]) for position in positions], filters.point), total


def _in_order(page_ids: list, point: Point | None) -> list[Result]:
    """The page's services with what a result shows (directory/includes/_result.html), in the
    order of `page_ids`: five plain queries. (Prefetching through the services' child relations
    took three times as long, in modelcluster.)"""
    shown = ("name", "name_sk", "name_ro", "description", "description_sk", "description_ro", "url", "cost", "organization__name")
    services = Service.objects.select_related("organization").only(*shown).in_bulk(page_ids)
    phones, languages, locations = defaultdict(list), defaultdict(list), defaultdict(list)
    for phone in Phone.objects.filter(service_id__in=page_ids):
        phones[phone.service_id].append(phone)
    for language in ServiceLanguage.objects.filter(service_id__in=page_ids).order_by("name"):
        languages[language.service_id].append(language)
    for link in ServiceAtLocation.objects.filter(service_id__in=page_ids).select_related("location"):
        if link.location.has_point:
            locations[link.service_id].append(link.location)
    return [
        _result(services[pk], point, locations[pk], phones=phones[pk], languages=languages[pk])
        for pk in page_ids if pk in services
    ]


def _result(service: Service, point: Point | None, located: list, **details) -> Result:
    if not point or not located:
        return Result(service, None, located[0] if located else None, **details)
    distance, nearest = min(((distance_km(point, loc.latitude, loc.longitude), loc) for loc in located), key=lambda pair: pair[0])
    return Result(service, distance, nearest, **details)
