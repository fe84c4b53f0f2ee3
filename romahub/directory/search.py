"""Find services for a reader: plain functions over the database, used by the search page.

Filters narrow the set; a place, when given, sorts it by the distance to each service's nearest
location (services with no location go last, as they may still serve the area by phone).
"""

import math
import uuid
from dataclasses import dataclass, field

from django.db.models import CharField, Count, Prefetch, Q, Window
from django.db.models.functions import Cast

from romahub.directory import fulltext
from romahub.directory.geocoding import EARTH_RADIUS_KM, Point, distance_km
from romahub.directory.models import (
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from romahub.places.models import LocalAuthority

KM_PER_MILE = 1.609344
# A service area with one of these names covers every local authority.
NATIONAL_AREAS = ("England", "United Kingdom", "UK", "England and Wales", "Great Britain")
LISTED_STATUSES = ("active", "temporarily closed")
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180  # of latitude; of longitude, times cos(latitude)
# Sorting by distance. Up to FEW_MATCHES matching services: read their locations. More: read
# the locations in a box around the place, from 10 km, growing until it holds the services up to
# the end of the page (if that is within BOX_SEARCH_UP_TO), or past 640 km; else read them all.
FEW_MATCHES = 2000
BOX_SEARCH_UP_TO = 200
FIRST_RADIUS_KM = 10.0
LAST_RADIUS_KM = 640.0
MAX_IDS_IN_QUERY = 900  # ids of services found in a box, checked against the filters as a list


@dataclass
class Result:
    service: Service
    distance_km: float | None = None
    location: object = None

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


def _linked_to(terms) -> Q:
    """Services linked to any of `terms` (a list or a queryset), as a subquery: no join, no duplicates."""
    links = Service.terms.through.objects.filter(taxonomyterm__in=terms)
    return Q(pk__in=links.values("service_id"))


def matching_services(filters: Filters, language: str = "en"):
    """The services that match, each once.

    Every filter on a relation that can hold several rows (terms, languages, areas) is a
    subquery on the service's id rather than a join, so no service appears twice and the
    database never has to de-duplicate whole rows (SELECT DISTINCT over every column was the
    slowest part of a search with tens of thousands of services).
    """
    services = Service.objects.filter(status__in=LISTED_STATUSES)
    if filters.query:
        words = filters.query.split()[:8]
        for word in words:
            match = _text_match(word)
            term_match = Q(name__icontains=word)
            if language in ("sk", "ro"):
                term_match |= Q(**{f"name_{language}__icontains": word})
            # The few terms are matched first, so the links are read through their index, and
            # not at all when no term matches.
            terms = list(TaxonomyTerm.objects.filter(term_match).values_list("pk", flat=True))
            services = services.filter(match | _linked_to(terms) if terms else match)
    if filters.help:
        services = services.filter(_linked_to(list(filters.help)))
    if filters.audience:
        services = services.filter(_linked_to([filters.audience]))
    if filters.language:
        services = services.filter(pk__in=ServiceLanguage.objects.filter(code=filters.language).values("service_id"))
    if filters.free_only:
        services = services.filter(cost="free")
    if filters.authority:
        areas = ServiceArea.objects.filter(Q(local_authority=filters.authority) | Q(name__in=NATIONAL_AREAS))
        services = services.filter(pk__in=areas.values("service_id"))
    return services


def _text_match(word: str) -> Q:
    """Services whose own text or organisation has `word`: the full-text index where there is one."""
    if fulltext.available():
        return Q(fulltext.matches(word))
    # The organisation as a subquery: a join would look one up for every service.
    # Every language's text, as the full-text index has: a reader may type a word in any of them.
    match = Q(organization__in=Organization.objects.filter(name__icontains=word))
    for name in ("name", "name_sk", "name_ro", "description", "description_sk", "description_ro"):
        match |= Q(**{f"{name}__icontains": word})
    return match


def _with_details(queryset):
    """What a result shows (directory/includes/_result.html): add a prefetch here before showing more."""
    return queryset.select_related("organization").prefetch_related(
        "phones",
        Prefetch("languages", queryset=ServiceLanguage.objects.order_by("name")),
        Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.select_related("location")),
    )


def _in_order(page_ids: list) -> list[Service]:
    """The page's services in full, in the order of `page_ids`."""
    services = {service.pk: service for service in _with_details(Service.objects.filter(pk__in=page_ids))}
    return [services[pk] for pk in page_ids if pk in services]


def search_services(filters: Filters, language: str = "en", page: int = 1, per_page: int = 20) -> tuple[list[Result], int]:
    """One page of results and the total. Only the page's services are loaded in full.

    Without a place: by name. With one: nearest first (ties by name), then the services with no
    location, by name. Only as many located services as the page needs are sorted by distance:
    they are looked for in a box around the place that grows until it holds enough.
    """
    matching = matching_services(filters, language)
    start = (page - 1) * per_page
    by_name = matching.order_by("name", "id").values_list("id", flat=True)
    if not filters.point and _costly(filters):
        # Matching words or related rows costs the database a pass over many services: count in
        # the same pass. (Plain listings and column filters are cheaper as a count and a page.)
        rows = list(matching.annotate(total=Window(Count("pk"))).order_by("name", "id").values_list("id", "total")[
            start : start + per_page
        ])
        total = rows[0][1] if rows else matching.count()
        return [_result(service, None) for service in _in_order([pk for pk, _total in rows])], total
    total = matching.count()
    if start >= total:
        return [], total
    if not filters.point:
        page_ids = list(by_name[start : start + per_page])
        return [_result(service, None) for service in _in_order(page_ids)], total
    ordered, located_total = _nearest(matching, filters.point, start + per_page, total)
    page_ids = [uuid.UUID(pk) for pk in ordered[start : start + per_page]]
    if located_total is not None and len(page_ids) < per_page:
        # Past the located services: those with no location follow, by name.
        skip = max(0, start - located_total)
        unlocated = by_name.exclude(pk__in=_located().values("service_id"))
        page_ids += list(unlocated[skip : skip + per_page - len(page_ids)])
    return [_result(service, filters.point) for service in _in_order(page_ids)], total


def _costly(filters: Filters) -> bool:
    return bool(filters.query or filters.help or filters.audience or filters.language or filters.authority)


def _located():
    return ServiceAtLocation.objects.filter(location__latitude__isnull=False, location__longitude__isnull=False)


def _nearest(matching, point: Point, need: int, total: int) -> tuple[list, int | None]:
    """Ids of the matching located services, nearest first: at least the first `need`, or all.

    Returns (ids, None) when a box around the place held enough (the page is all located
    services), or (every located id, how many) when it had to look at all of them. Ids are
    text here (see _as_text); the page's are turned back into UUIDs.
    """
    if total <= FEW_MATCHES:
        found = _distances(_located().filter(service__in=matching), point)
    else:
        if need <= BOX_SEARCH_UP_TO:
            radius = FIRST_RADIUS_KM
            while radius <= LAST_RADIUS_KM:
                found = _from_locations(matching, point, radius)
                if len(found) >= need:
                    return sorted(found, key=found.get)[:need], None
                # Grow to where, as densely spread, there would be enough: at least twice as wide.
                radius *= max(2.0, 1.5 * math.sqrt(need / len(found))) if found else 4.0
        found = _from_locations(matching, point)
    return sorted(found, key=found.get), len(found)


def _as_text(field: str) -> Cast:
    """A UUID column as text: tens of thousands of ids are read, and making UUID objects of them
    took longer than the query. Only the page's ids become UUIDs again."""
    return Cast(field, output_field=CharField())


def _distances(located, point: Point) -> dict:
    """{service id: (distance to its nearest location, name, id)}: the sort key, ties by name."""
    nearest: dict = {}
    rows = located.annotate(sid=_as_text("service_id")).values_list(
        "sid", "service__name", "location__latitude", "location__longitude"
    )
    for service_id, name, latitude, longitude in rows:
        distance = distance_km(point, latitude, longitude)
        if service_id not in nearest or distance < nearest[service_id][0]:
            nearest[service_id] = (distance, name, service_id)
    return nearest


def _from_locations(matching, point: Point, radius: float | None = None) -> dict:
    """As _distances, for the matching services whose nearest location is within `radius` km (or all).

    The locations are read first, without the filters (a scan of the locations, or of a box
    around the place), then checked against the matching services: asked the other way round,
    the database looks up every matching service's locations one by one. A service whose
    nearest location in the box is farther than `radius` may have a nearer one outside the
    box, so it is left out: a larger box finds it.
    """
    located = _located() if radius is None else _located().filter(**_box(point, radius))
    limit = float("inf") if radius is None else radius
    nearest: dict = {}
    rows = located.annotate(sid=_as_text("service_id")).values_list("sid", "location__latitude", "location__longitude")
    # distance_km, inlined for up to tens of thousands of rows: the same operations, the same results.
    lat1 = math.radians(point.latitude)
    cos_lat1, sin, cos, radians = math.cos(lat1), math.sin, math.cos, math.radians
    for service_id, latitude, longitude in rows:
        lat2 = radians(latitude)
        h = sin((lat2 - lat1) / 2) ** 2 + cos_lat1 * cos(lat2) * sin(radians(longitude - point.longitude) / 2) ** 2
        distance = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
        if distance <= limit and distance < nearest.get(service_id, float("inf")):
            nearest[service_id] = distance
    if not nearest:
        return {}
    named = matching.order_by().annotate(sid=_as_text("pk"))
    if len(nearest) <= MAX_IDS_IN_QUERY:
        named = named.filter(pk__in=list(nearest))
    return {sid: (nearest[sid], name, sid) for sid, name in named.values_list("sid", "name") if sid in nearest}


def _box(point: Point, radius: float) -> dict:
    """Latitude and longitude ranges that hold every point within `radius` km (with a margin)."""
    dlat = radius / KM_PER_DEGREE * 1.01
    widest = math.radians(min(89.0, abs(point.latitude) + dlat))
    dlon = min(180.0, radius / (KM_PER_DEGREE * math.cos(widest)) * 1.01)
    return {
        "location__latitude__range": (point.latitude - dlat, point.latitude + dlat),
        "location__longitude__range": (point.longitude - dlon, point.longitude + dlon),
    }


def _result(service: Service, point: Point | None) -> Result:
    located = [sal.location for sal in service.service_at_locations.all() if sal.location.has_point]
    if not point or not located:
        return Result(service, None, located[0] if located else None)
    distance, nearest = min(((distance_km(point, loc.latitude, loc.longitude), loc) for loc in located), key=lambda pair: pair[0])
    return Result(service, distance, nearest)
