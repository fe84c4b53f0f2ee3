"""The machine-readable register and the embeddable badge (no language prefix, open to any origin)."""

import json
from pathlib import Path

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from romahub.mishto import badge, register
from romahub.mishto.models import Participation
from romahub.places.models import REGIONS

OPENAPI = Path(__file__).resolve().parent / "openapi.json"
REGION_CODES = {code for code, _label in REGIONS}


def _open(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message: str, status: int = 400):
    return _open(JsonResponse({"error": message}, status=status))


@require_GET
def authorities(request):
    region, status = request.GET.get("region", ""), request.GET.get("status", "")
    if region and region not in REGION_CODES:
        return _error(f"region must be one of: {', '.join(sorted(REGION_CODES))}")
    if status and status not in register.PUBLIC_CODES:
        return _error(f"status must be one of: {', '.join(register.PUBLIC_CODES)}")
    base = request.build_absolute_uri("/").rstrip("/")
    items = [register.as_json(entry, base) for entry in register.entries(region, status)]
    return _open(JsonResponse({"total_items": len(items), "contents": items}))


@require_GET
def openapi(request):
    return _open(JsonResponse(json.loads(OPENAPI.read_text(encoding="utf-8"))))


@require_GET
def badge_svg(request, slug):
    participation = Participation.objects.select_related("authority").filter(authority__slug=slug).first()
    valid = badge.verify(participation, request.GET.get("sig", ""))
    response = HttpResponse(badge.svg(participation, valid), content_type="image/svg+xml; charset=utf-8")
    # Shown on councils' own sites: other origins may embed it, and it must not go stale in a cache.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Cache-Control"] = "public, max-age=3600"
    return _open(response)
