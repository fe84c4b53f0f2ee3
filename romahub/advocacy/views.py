"""The family's side: the form, and the status page its link opens. Nothing personal in a URL."""

import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from romahub.advocacy import handling, partners
from romahub.advocacy.forms import HelpRequestForm
from romahub.advocacy.models import HelpRequest
from romahub.core import public_forms
from romahub.core.privacy import never_kept
from romahub.directory.models import Service
from romahub.directory.next_steps import FAMILY_RIGHTS_GROUP_SERVICE


def _advice_line():
    """Family Rights Group's advice line, as the directory holds it (never retyped here)."""
    return (Service.objects.listed().filter(pk=uuid.UUID(FAMILY_RIGHTS_GROUP_SERVICE))
            .prefetch_related("phones").first())


def _elsewhere(form=None) -> dict:
    """Where a family can still turn when no partner can take the request: the national advice line,
    and the directory filtered to their area and languages."""
    query = {}
    if form is not None and form.is_bound and hasattr(form, "cleaned_data"):
        authority = form.cleaned_data.get("authority")
        if authority:
            query["la"] = authority.slug
        languages = [code for code in form.cleaned_data.get("languages", []) if code != "en"]
        if languages:
            query["language"] = languages[0]
    directory = reverse("directory:search")
    if query:
        directory += "?" + urlencode(query)
    return {"advice_line": _advice_line(), "directory_link": directory}


@sensitive_post_parameters()  # an error report must not carry what the family wrote
@require_http_methods(["GET", "POST"])
def get_help(request):
    if not partners.any_taking_requests():
        return never_kept(render(request, "advocacy/no_partner.html", _elsewhere()))
    form = HelpRequestForm(request.POST if request.method == "POST" else None,
                           initial={"languages": [get_language()[:2]]})
    status, no_route = 200, False
    if request.method == "POST":
        outcome = public_forms.judge(request, form, "help-request", settings.HELP_REQUEST_RATE_LIMIT,
                                     settings.HELP_REQUEST_RATE_WINDOW_SECONDS)
        if outcome == public_forms.SPAM:
            return redirect("advocacy:spam_sent")
        if outcome == public_forms.ACCEPTED:
            received = handling.receive(form, get_language()[:2])
            if received is not None:
                _request, token = received
                # In the query string, which the access log leaves out (README: %(U)s).
                return redirect(f"{reverse('advocacy:status')}?token={token}")
            no_route = True  # nothing was kept; the page says so and where else to turn
        status = 429 if outcome == public_forms.LIMITED else 200
    context = {"form": form, "no_route": no_route, "councils": HelpRequestForm.councils(), **_elsewhere(form if no_route else None)}
    return never_kept(render(request, "advocacy/get_help.html", context, status=status))


@require_GET
def spam_sent(request):
    return never_kept(render(request, "advocacy/spam_sent.html"))


@require_GET
def status(request):
    found = HelpRequest.objects.with_status_token(request.GET.get("token", "")[:64]).select_related("partner__organization").first()
    if found is None:
        return never_kept(render(request, "advocacy/status_gone.html", status=404))
    steps = [code for code, _label in HelpRequest.STATUSES]
    return never_kept(render(request, "advocacy/status.html", {
        "help_request": found, "partner": found.partner, "steps": HelpRequest.STATUSES,
        "reached": steps.index(found.status), "answer_days": settings.HELP_REQUEST_REMIND_WORKING_DAYS,
    }))
