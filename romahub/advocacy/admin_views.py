"""The working group's counts of help requests, in the admin: numbers only, small ones hidden."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from wagtail.admin.auth import require_admin_access

from romahub.advocacy import statistics
from romahub.core.roles import MODERATORS


def sees_counts(user) -> bool:
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()


@require_admin_access
def counts(request):
    if not sees_counts(request.user):
        raise PermissionDenied
    return TemplateResponse(request, "advocacy/admin/counts.html", {"counts": statistics.for_everyone(),
                                                                    "small": statistics.SMALL})
