import datetime
import math

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from romahub.core.pagination import requested_page
from romahub.resources import citation
from romahub.resources.forms import LibraryForm
from romahub.resources.library import Filters, localized, matching
from romahub.resources.library import find as find_resource
from romahub.resources.models import Resource

# Twenty a page keeps the library, like every page, inside its weight budget on a phone.
PER_PAGE = 20


@require_GET
def library(request):
    form = LibraryForm(request.GET or None)
    filters = form.filters() if form.is_valid() else Filters()
    found = matching(filters) if not form.errors else Resource.objects.none()
    total = found.count()
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(pages, requested_page(request))
    start = (page - 1) * PER_PAGE
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "resources/library.html", {
        "form": form, "filters": filters, "results": localized(found[start : start + PER_PAGE]), "total": total,
        "page": page, "pages": pages, "page_query": query.urlencode(), "first_number": start + 1,
    })


@require_GET
def resource(request, slug):
    found = find_resource(slug)
    if found is None:
        raise Http404
    today = timezone.localdate()
    page_url = request.build_absolute_uri()
    link = request.build_absolute_uri(found.link) if found.link.startswith("/") else found.link
    response = render(
        request,
        "resources/resource.html",
        {
            "resource": found,
            "link": link,
            "citation": citation.citation(found, link, today),
            "json_ld": citation.json_ld(found, link, page_url, found.display_summary),
        },
    )
    # The citation carries today's date: a cached copy must not outlive the day.
    midnight = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )
    patch_cache_control(response, max_age=max(60, int((midnight - timezone.now()).total_seconds())))
    return response
