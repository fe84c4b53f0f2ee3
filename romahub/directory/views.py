import math

from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from romahub.directory.forms import ServiceSearchForm
from romahub.directory.geocoding import GeocoderUnavailable, Point, geocoder
from romahub.directory.jsonld import service_jsonld
from romahub.directory.models import Service
from romahub.directory.search import Filters, search_services

PER_PAGE = 20


def _place(form) -> Point | None:
    """The place from the typed postcode or town, or from the browser's location; errors go on the form."""
    data = form.cleaned_data
    if data.get("near"):
        try:
            point = geocoder().lookup(data["near"])
        except GeocoderUnavailable:
            form.add_error("near", _("We cannot look up places just now. Try again later, or choose a council area."))
            return None
        if point is None:
            form.add_error("near", _("We could not find that place. Try the first part of a postcode, such as DE1, or a town."))
        return point
    if data.get("lat") is not None and data.get("lon") is not None:
        return Point(data["lat"], data["lon"], _("your location"))
    return None


@require_GET
def search(request):
    form = ServiceSearchForm(request.GET or None)
    results, total, page, point = [], 0, 1, None
    searched = form.is_bound and form.is_valid()
    if searched:
        point = _place(form)
    if not form.is_bound or (searched and not form.errors):
        try:
            page = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page = 1
        data = form.cleaned_data if searched else {}
        filters = Filters(
            query=data.get("q", ""), help=list(data.get("help") or []), audience=data.get("audience"),
            language=data.get("language", ""), free_only=data.get("free", False), authority=data.get("la"), point=point,
        )
        results, total = search_services(filters, get_language()[:2], page, PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "directory/search.html", {
        "form": form, "results": results, "total": total, "page": page, "point": point,
        "pages": max(1, math.ceil(total / PER_PAGE)), "page_query": query.urlencode(),
        "any_located": any(result.location is not None and result.location.has_point for result in results),
    })


@require_GET
def service(request, pk):
    found = get_object_or_404(
        Service.objects.select_related("organization").prefetch_related(
            "phones", "languages", "schedules", "service_areas__local_authority", "service_at_locations__location", "terms__taxonomy"
        ).exclude(status="defunct"),
        pk=pk,
    )
    located = any(sal.location.has_point and sal.location.address_1 for sal in found.service_at_locations.all())
    return render(request, "directory/service.html", {"service": found, "jsonld": service_jsonld(found, request), "located": located})
