import math

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from romahub.core import public_forms
from romahub.core.languages import language_name
from romahub.core.pagination import requested_page
from romahub.core.privacy import never_kept
from romahub.directory.forms import ServiceSearchForm
from romahub.directory.geocoding import GeocoderUnavailable, Point, geocoder
from romahub.directory.jsonld import service_jsonld
from romahub.directory.models import Service, Suggestion
from romahub.directory.next_steps import next_steps
from romahub.directory.search import Filters, current, search_services
from romahub.directory.suggestion_forms import ReportChangeForm, SuggestServiceForm

PER_PAGE = 20


def _place(form) -> tuple[Point | None, list[str]]:
    """The place from the typed postcode or town, or from the browser's location, and the names
    close to a place that was not found; errors go on the form."""
    data = form.cleaned_data
    typed = data.get("near")
    if typed:
        places = geocoder()
        try:
            point = places.lookup(typed)
        except GeocoderUnavailable:
            form.add_error("near", _("We cannot look up places just now. Try again later, or choose a council area."))
            return None, []
        if point is None:
            form.add_error("near", _("We could not find that place. Try the first part of a postcode, such as DE1, or a town."))
            return None, places.suggestions(typed)
        return point, []
    if data.get("lat") is not None and data.get("lon") is not None:
        return Point(data["lat"], data["lon"], _("your location")), []
    return None, []


@require_GET
def search(request):
    index = current()
    form = ServiceSearchForm(request.GET or None, index=index)
    results, total, page, point, suggestions, steps = [], 0, 1, None, [], None
    searched = form.is_bound and form.is_valid()
    if searched:
        point, suggestions = _place(form)
    if not form.is_bound or (searched and not form.errors):
        page = requested_page(request)
        data = form.cleaned_data if searched else {}
        filters = Filters(
            query=data.get("q", ""), help=list(data.get("help") or []), audience=data.get("audience"),
            language=data.get("language", ""), free_only=data.get("free", False), authority=data.get("la"), point=point,
        )
        results, total = search_services(filters, get_language()[:2], page, PER_PAGE, index=index)
        if searched:
            steps = next_steps(filters, results, total, index)
    query = request.GET.copy()
    query.pop("page", None)
    response = render(request, "directory/search.html", {
        "form": form, "results": results, "total": total, "page": page, "point": point,
        "pages": max(1, math.ceil(total / PER_PAGE)), "page_query": query.urlencode(),
        "any_located": any(result.point for result in results), "steps": steps,
        "steps_language": language_name(steps.language) if steps and steps.language else "",
        "place_suggestions": [(name, _with(query, near=name)) for name in suggestions],
    })
    # A postcode or a location says where a family lives: such a search is never kept (README).
    return never_kept(response) if ServiceSearchForm.holds_place(request.GET) else response


def _with(query, **changes) -> str:
    changed = query.copy()
    for name, value in changes.items():
        changed[name] = value
    return "?" + changed.urlencode()


def _gone_or_not_found(request, pk):
    """A published service no longer listed (inactive or closed) is not found, and its page says why:
    a link or a printout may still point to it."""
    if Service.objects.gone().filter(pk=pk).exists():
        return render(request, "directory/service_gone.html", status=404)
    raise Http404


@require_GET
def service(request, pk):
    found = Service.objects.listed().select_related("organization").prefetch_related(
        "phones", "languages", "schedules", "service_areas__local_authority", "service_at_locations__location", "terms__taxonomy"
    ).filter(pk=pk).first()
    if found is None:
        return _gone_or_not_found(request, pk)
    located = any(sal.location.has_point and sal.location.address_1 for sal in found.service_at_locations.all())
    return render(request, "directory/service.html", {"service": found, "jsonld": service_jsonld(found, request), "located": located})


def _take_suggestion(request, form_class, *, kind, service=None, heading, intro):
    form = form_class(request.POST if request.method == "POST" else None)  # an empty POST is checked too
    status = 200
    if request.method == "POST":
        outcome = public_forms.judge(request, form, "suggestion", settings.SUGGESTION_RATE_LIMIT,
                                     settings.SUGGESTION_RATE_WINDOW_SECONDS)
        if outcome == public_forms.SPAM:
            return redirect("directory:suggestion_sent")
        if outcome == public_forms.ACCEPTED:
            suggestion = form.save(commit=False)
            suggestion.kind, suggestion.service, suggestion.language = kind, service, get_language()[:2]
            suggestion.save()
            form.save_m2m()
            return redirect("directory:suggestion_sent")
        status = 429 if outcome == public_forms.LIMITED else 200
    return render(request, "directory/suggest.html", {
        "form": form, "service": service, "heading": heading, "intro": intro,
    }, status=status)


@require_http_methods(["GET", "POST"])
def suggest(request):
    return _take_suggestion(
        request, SuggestServiceForm, kind=Suggestion.NEW, heading=_("Suggest a service"),
        intro=_("Do you know an advocate, interpreter, advice service or Roma group that helps families with children’s services? Tell us about it."),
    )


@require_http_methods(["GET", "POST"])
def report_change(request, pk):
    service = Service.objects.listed().select_related("organization").filter(pk=pk).first()
    if service is None:
        return _gone_or_not_found(request, pk)
    return _take_suggestion(
        request, ReportChangeForm, kind=Suggestion.CHANGE, service=service, heading=_("Report a change"),
        intro=_("Is something on this page wrong or out of date? Tell us what has changed."),
    )


@require_GET
def suggestion_sent(request):
    return render(request, "directory/suggestion_sent.html")
