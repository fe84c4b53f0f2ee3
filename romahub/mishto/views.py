from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from romahub.mishto import assessment, badge, charter, register, workflow
from romahub.mishto.forms import RegisterFilterForm
from romahub.mishto.models import Participation


@require_GET
def pledges(request, number: int | None = None):
    version = charter.published(number) if number else charter.current_version()
    if version is None:
        raise Http404
    language = get_language()[:2]
    pledge_list = [
        (pledge, [(activity, charter.link_for(activity.url, language)) for activity in pledge.activities.all()])
        for pledge in version.pledges.prefetch_related("actions", "activities")
    ]
    current = charter.current_version()
    return render(request, "mishto/pledges.html", {
        "version": version, "values": version.values.all(), "pledges": pledge_list,
        "current": current, "is_current": current is not None and current.pk == version.pk,
    })


@require_GET
def register_page(request):
    form = RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = register.entries(data.get("region", ""), data.get("status", ""))
    return render(request, "mishto/register.html", {
        "form": form, "entries": entries, "current": charter.current_version(),
        "any_located": any(entry.authority.has_point for entry in entries),
    })


@require_GET
def authority_page(request, slug):
    participation = get_object_or_404(Participation.objects.select_related("authority", "version"), authority__slug=slug)
    status = workflow.public_status(participation)
    valid = status.code == Participation.AWARDED
    badge_query = f"sig={badge.signature(participation)}" if valid else ""
    return render(request, "mishto/authority.html", {
        "participation": participation, "authority": participation.authority, "status": status,
        "progress": assessment.public_progress(participation),
        "expires_on": workflow.expires_on(participation), "valid": valid,
        "badge_url": request.build_absolute_uri(f"/api/mishto/badges/{slug}.svg?{badge_query}") if valid else "",
        "verify_url": request.build_absolute_uri(reverse("mishto:verify", args=[slug]) + f"?{badge_query}") if valid else "",
    })


@require_GET
def verify(request, slug):
    participation = Participation.objects.select_related("authority").filter(authority__slug=slug).first()
    given = request.GET.get("sig", "")
    valid = badge.verify(participation, given)
    return render(request, "mishto/verify.html", {
        "participation": participation, "valid": valid,
        # An altered link proves nothing about the council: the page then says only that.
        "altered": participation is not None and not badge.is_genuine(participation, given),
        "status": workflow.public_status(participation) if participation else None,
        "expires_on": workflow.expires_on(participation) if participation else None,
    })
