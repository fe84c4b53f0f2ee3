"""The Open Referral UK 3.0 API under /api/oruk/.

Every path of the profile's OpenAPI description, GET only, open to any origin (CORS `*`, as
the profile requires). Bad parameters get a 400 with a JSON message naming the parameter;
nothing a client sends can cause a 5xx. Responses are shaped by `romahub.directory.oruk`
and validated against the profile's compiled schemas in the tests.
"""

import math
import uuid
from functools import wraps

from django.db.models import Prefetch, Q
from django.http import HttpResponse, JsonResponse

from romahub.directory import oruk
from romahub.directory.geocoding import GeocoderUnavailable, distance_km, geocoder
from romahub.directory.models import (
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    Taxonomy,
    TaxonomyTerm,
)
from romahub.directory.openapi import MAX_PAGE, MAX_PER_PAGE, served_document

DEFAULT_PER_PAGE = 50
DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
DAY_NAMES = {"monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR", "saturday": "SA", "sunday": "SU"}


class BadParameter(ValueError):
    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name


ALLOWED = "GET, HEAD, OPTIONS"


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = ALLOWED
    return response


def oruk_endpoint(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response["Access-Control-Max-Age"] = "86400"
            return _cors(response)
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"error": "Only GET is supported."}, status=405)
            response["Allow"] = ALLOWED
            return _cors(response)
        try:
            response = view(request, *args, **kwargs)
        except BadParameter as error:
            response = JsonResponse({"error": str(error), "parameter": error.name}, status=400)
        except GeocoderUnavailable:
            response = JsonResponse({"error": "postcode: the postcode lookup is unavailable; try again later."}, status=503)
        return _cors(response)

    wrapper.csrf_exempt = True
    return wrapper


def _pk(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _not_found(what: str):
    return JsonResponse({"error": f"No {what} with that id."}, status=404)


def _int(request, name: str, default: int | None = None, minimum: int = 0, maximum: int | None = None) -> int | None:
    raw = request.GET.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(name, "must be a whole number") from None
    if value < minimum or (maximum is not None and value > maximum):
        raise BadParameter(name, f"must be between {minimum} and {maximum}" if maximum else f"must be at least {minimum}")
    return value


def _number(request, name: str) -> float | None:
    raw = request.GET.get(name, "").strip()
    if raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadParameter(name, "must be a number") from None
    if not math.isfinite(value) or not 0 <= value <= 1_000_000_000:
        raise BadParameter(name, "must be a positive number")
    return value


def _uuid(request, name: str) -> uuid.UUID | None:
    raw = request.GET.get(name, "").strip()
    if raw == "":
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadParameter(name, "must be a UUID") from None


def _time(request, name: str):
    from datetime import time

    raw = request.GET.get(name, "").strip()
    if raw == "":
        return None
    try:
        return time.fromisoformat(raw.rstrip("Z")[:8])
    except ValueError:
        raise BadParameter(name, "must be a time, HH:MM") from None


def _page(request, items, total: int, page: int, per_page: int, render) -> JsonResponse:
    total_pages = max(1, math.ceil(total / per_page))
    contents = [render(item) for item in items]
    return JsonResponse({
        "total_items": total, "total_pages": total_pages, "page_number": page, "size": len(contents),
        "first_page": page == 1, "last_page": page >= total_pages, "empty": total == 0, "contents": contents,
    })


def _paging(request) -> tuple[int, int]:
    return _int(request, "page", 1, minimum=1, maximum=MAX_PAGE), _int(request, "per_page", DEFAULT_PER_PAGE, minimum=1, maximum=MAX_PER_PAGE)


def full_services(queryset):
    return queryset.select_related("organization").prefetch_related(
        Prefetch("phones", queryset=Phone.objects.order_by("number")),
        Prefetch("languages", queryset=ServiceLanguage.objects.order_by("name")),
        Prefetch("schedules", queryset=Schedule.objects.order_by("byday")),
        Prefetch("service_areas", queryset=ServiceArea.objects.select_related("local_authority")),
        Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.select_related("location")),
        Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
    )


def _having(model, **conditions) -> Q:
    """Services with a related `model` row meeting `conditions`, as a subquery on the service id.

    Each filter on a relation with several rows per service (terms, schedules) is its own
    subquery, as each was its own join before: no service is listed twice, so the database
    never has to de-duplicate whole rows (SELECT DISTINCT over every column, ordered by name,
    took about a second with 50,000 services).
    """
    return Q(pk__in=model.objects.filter(**conditions).values("service_id"))


def filtered_services(request):
    services = Service.objects.listed()
    search = request.GET.get("search", "").strip()
    if search:
        services = services.filter(
            Q(name__icontains=search) | Q(description__icontains=search)
            | Q(organization__in=Organization.objects.filter(name__icontains=search))
        )
    term_id = _uuid(request, "taxonomy_term_id")
    if term_id:
        services = services.filter(_having(Service.terms.through, taxonomyterm_id=term_id))
    taxonomy_id = _uuid(request, "taxonomy_id")
    if taxonomy_id:
        services = services.filter(_having(Service.terms.through, taxonomyterm__taxonomy_id=taxonomy_id))
    minimum_age = _number(request, "minimum_age")
    if minimum_age is not None:
        services = services.filter(minimum_age__gte=minimum_age)
    maximum_age = _number(request, "maximum_age")
    if maximum_age is not None:
        services = services.filter(maximum_age__lte=maximum_age)
    start_time, end_time = _time(request, "start_time"), _time(request, "end_time")
    if start_time:
        services = services.filter(_having(Schedule, opens_at__gte=start_time))
    if end_time:
        services = services.filter(_having(Schedule, closes_at__lte=end_time))
    day = request.GET.get("day", "").strip()
    if day:
        code = DAY_NAMES.get(day.lower(), day.upper())
        if code not in DAYS:
            raise BadParameter("day", "must be a day, such as MO or monday")
        services = services.filter(_having(Schedule, byday__contains=code))
    return services.order_by("name", "id")


@oruk_endpoint
def index(request):
    return JsonResponse({
        "version": oruk.VERSION, "profile": oruk.PROFILE,
        "openapi_url": request.build_absolute_uri("/api/oruk/openapi.json"),
    })


@oruk_endpoint
def openapi(request):
    return JsonResponse(served_document(request.build_absolute_uri("/api/oruk").rstrip("/")))


@oruk_endpoint
def services(request):
    page, per_page = _paging(request)
    queryset = filtered_services(request)
    total = queryset.count()
    # Sort and cut the page on ids alone, then load the page's rows: sorting whole rows is slower.
    page_ids = list(queryset.values_list("id", flat=True)[(page - 1) * per_page : page * per_page])
    found = {svc.pk: svc for svc in Service.objects.filter(pk__in=page_ids).select_related("organization")}
    return _page(request, [found[pk] for pk in page_ids if pk in found], total, page, per_page, oruk.service_summary)


@oruk_endpoint
def service(request, pk):
    found = full_services(Service.objects.listed().filter(pk=_pk(pk))).first()
    return JsonResponse(oruk.service(found)) if found else _not_found("service")


@oruk_endpoint
def taxonomies(request):
    page, per_page = _paging(request)
    queryset = Taxonomy.objects.order_by("name")
    return _page(request, queryset[(page - 1) * per_page : page * per_page], queryset.count(), page, per_page, oruk.taxonomy)


@oruk_endpoint
def taxonomy(request, pk):
    found = Taxonomy.objects.filter(pk=_pk(pk)).prefetch_related("terms").first()
    return JsonResponse(oruk.taxonomy(found, with_terms=True)) if found else _not_found("taxonomy")


@oruk_endpoint
def taxonomy_terms(request):
    page, per_page = _paging(request)
    queryset = TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__slug", "order", "name")
    taxonomy_id = _uuid(request, "taxonomy_id")
    if taxonomy_id:
        queryset = queryset.filter(taxonomy_id=taxonomy_id)
    return _page(request, queryset[(page - 1) * per_page : page * per_page], queryset.count(), page, per_page, oruk.taxonomy_term)


@oruk_endpoint
def taxonomy_term(request, pk):
    found = TaxonomyTerm.objects.select_related("taxonomy").filter(pk=_pk(pk)).first()
    return JsonResponse(oruk.taxonomy_term(found)) if found else _not_found("taxonomy term")


@oruk_endpoint
def service_at_locations(request):
    page, per_page = _paging(request)
    queryset = ServiceAtLocation.objects.filter(service__in=filtered_services(request)).select_related(
        "location", "service__organization"
    ).order_by("service__name", "id")
    postcode = request.GET.get("postcode", "").strip()
    # A distance from no postcode limits nothing (openapi.py documents it so).
    proximity = _number(request, "proximity")
    if postcode:
        point = geocoder().lookup(postcode)
        if point is None:
            # Well formed but no such place: nothing to measure from, as a missing record is (openapi.py).
            return JsonResponse({"error": "postcode: no place has that postcode", "parameter": "postcode"}, status=404)
        rows = [
            (distance_km(point, sal.location.latitude, sal.location.longitude), sal)
            for sal in queryset.filter(location__latitude__isnull=False, location__longitude__isnull=False)
        ]
        if proximity is not None:
            rows = [(km, sal) for km, sal in rows if km * 1000 <= proximity]
        ordered = [sal for _km, sal in sorted(rows, key=lambda row: (row[0], row[1].service.name))]
        return _page(request, ordered[(page - 1) * per_page : page * per_page], len(ordered), page, per_page, oruk.service_at_location)
    total = queryset.count()
    return _page(request, queryset[(page - 1) * per_page : page * per_page], total, page, per_page, oruk.service_at_location)


@oruk_endpoint
def service_at_location(request, pk):
    found = ServiceAtLocation.objects.select_related("location").filter(pk=_pk(pk), service__in=Service.objects.listed()).first()
    if not found:
        return _not_found("service at location")
    found.service = full_services(Service.objects.listed().filter(pk=found.service_id)).first()
    return JsonResponse(oruk.service_at_location(found, full=True))
