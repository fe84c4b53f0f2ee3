"""Find services for a reader: plain functions over the database, used by the search page.

Filters narrow the set; a place, when given, sorts it by the distance to each service's nearest
location (services with no location go last, as they may still serve the area by phone).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from romahub.directory.geocoding import Point, distance_km
from romahub.directory.models import (
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


def matching_services(filters: Filters, language: str = "en"):
    services = Service.objects.filter(status__in=("active", "temporarily closed"))
    if filters.query:
        words = filters.query.split()[:8]
        for word in words:
            match = Q(name__icontains=word) | Q(description__icontains=word) | Q(organization__name__icontains=word)
            if language in ("sk", "ro"):
                match |= Q(**{f"name_{language}__icontains": word}) | Q(**{f"description_{language}__icontains": word})
            match |= Q(terms__name__icontains=word)
            if language in ("sk", "ro"):
                match |= Q(**{f"terms__name_{language}__icontains": word})
            services = services.filter(pk__in=Service.objects.filter(match).values("pk"))
    if filters.help:
        services = services.filter(terms__in=list(filters.help))
    if filters.audience:
        services = services.filter(terms=filters.audience)
    if filters.language:
        services = services.filter(languages__code=filters.language)
    if filters.free_only:
        services = services.filter(cost="free")
    if filters.authority:
        services = services.filter(
            Q(service_areas__local_authority=filters.authority) | Q(service_areas__name__in=NATIONAL_AREAS)
        )
    return services.distinct()


def _with_details(queryset):
    return queryset.select_related("organization").prefetch_related(
        "phones",
        Prefetch("languages", queryset=ServiceLanguage.objects.order_by("name")),
        Prefetch("service_areas", queryset=ServiceArea.objects.select_related("local_authority")),
        Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.select_related("location")),
        Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
    )


def search_services(filters: Filters, language: str = "en", page: int = 1, per_page: int = 20) -> tuple[list[Result], int]:
    """One page of results and the total. Only the page's services are loaded in full."""
    matching = matching_services(filters, language)
    start = (page - 1) * per_page
    if not filters.point:
        total = matching.count()
        services = _with_details(matching.order_by("name", "id"))[start : start + per_page]
        return [_result(service, None) for service in services], total
    nearest: dict = {}
    located = ServiceAtLocation.objects.filter(
        service__in=matching, location__latitude__isnull=False, location__longitude__isnull=False
    ).values_list("service_id", "location__latitude", "location__longitude")
    for service_id, latitude, longitude in located:
        distance = distance_km(filters.point, latitude, longitude)
        if distance < nearest.get(service_id, float("inf")):
            nearest[service_id] = distance
    ordered = sorted(nearest, key=nearest.get)
    ordered += [pk for pk in matching.order_by("name", "id").values_list("id", flat=True) if pk not in nearest]
    page_ids = ordered[start : start + per_page]
    services = {service.pk: service for service in _with_details(Service.objects.filter(pk__in=page_ids))}
    return [_result(services[pk], filters.point) for pk in page_ids], len(ordered)


def _result(service: Service, point: Point | None) -> Result:
    located = [sal.location for sal in service.service_at_locations.all() if sal.location.has_point]
    if not point or not located:
        return Result(service, None, located[0] if located else None)
    distance, nearest = min(((distance_km(point, loc.latitude, loc.longitude), loc) for loc in located), key=lambda pair: pair[0])
    return Result(service, distance, nearest)
