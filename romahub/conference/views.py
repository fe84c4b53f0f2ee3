from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from romahub.conference.forms import TimelineForm
from romahub.conference.ics import build_calendar
from romahub.conference.models import local_rules_of
from romahub.conference.pdf import preparation_pdf
from romahub.conference.preparation import QUESTIONS, PreparationForm, sheet
from romahub.conference.text import describe
from romahub.conference.timeline import plan
from romahub.core.privacy import never_kept
from romahub.pages.models import GuidePage


def _guide_url(request):
    """The conference guide in the reader's language: the guide that links to the planner."""
    guide = GuidePage.conference_guide_in(Locale.get_active())
    return guide.get_url(request) if guide else ""


def _plan(form):
    rules = form.rules()
    milestones = plan(form.cleaned_data["icpc"], rules=rules, reviews_held=form.reviews_held())
    return [describe(m, rules) for m in milestones]


@require_GET
def timeline(request):
    form = TimelineForm(request.GET) if request.GET else TimelineForm()
    items = _plan(form) if form.is_bound and form.is_valid() else None
    authority = form.cleaned_data.get("la") if items else None
    response = render(
        request,
        "conference/timeline.html",
        {
            "form": form,
            "items": items,
            "ics_query": request.GET.urlencode() if items else "",
            "guide_url": _guide_url(request),
            "authority": authority,
            "local_rules": local_rules_of(authority),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
    return never_kept(response)


@require_GET
def timeline_ics(request):
    form = TimelineForm(request.GET)
    if not form.is_valid():
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return never_kept(HttpResponse(message, status=400, content_type="text/plain; charset=utf-8"))
    icpc = form.cleaned_data["icpc"]
    body = build_calendar(icpc, _plan(form), get_language(), _("Child protection conference timeline"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="conference-timeline-{icpc.isoformat()}.ics"'
    return never_kept(response)


@sensitive_variables("form", "answers", "items", "html")
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def prepare(request):
    """The preparation form. GET shows it; POST turns the answers into a printable page or a PDF.

    Nothing is kept: the form is not bound to a model, nothing here logs, error reports hide
    the POST data, and every response is `no-store`.
    """
    if request.method == "GET":
        context = {"form": PreparationForm(), "sheet": sheet(), "guide_url": _guide_url(request)}
        return never_kept(render(request, "conference/prepare.html", context))
    form = PreparationForm(request.POST)
    if not form.is_valid():
        context = {"form": form, "sheet": sheet(), "guide_url": _guide_url(request)}
        response = render(request, "conference/prepare.html", context, status=400)
        return never_kept(response)
    answers = {name: form.cleaned_data.get(name, "") for name, _q, _h in QUESTIONS}
    items = sheet(answers)
    if request.POST.get("output") == "pdf":
        html = render_to_string(
            "conference/preparation_pdf.html", {"items": items}, request=request
        )
        response = HttpResponse(preparation_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="conference-preparation.pdf"'
        return never_kept(response)
    return never_kept(render(request, "conference/preparation_sheet.html", {"items": items}))
