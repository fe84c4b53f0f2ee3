from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from romahub.mishto import charter


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
