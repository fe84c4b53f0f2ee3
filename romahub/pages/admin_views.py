from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page

from romahub.pages.models import CommunityReview
from romahub.pages.translation_status import translation_report


@require_admin_access
def translation_status(request):
    only_needing_work = request.GET.get("show") != "all"
    locales, rows = translation_report(only_needing_work=only_needing_work)
    return TemplateResponse(
        request,
        "pages/admin/translation_status.html",
        {
            "locales": locales,
            "rows": rows,
            "only_needing_work": only_needing_work,
            "can_review": request.user.has_perm("pages.add_communityreview"),
        },
    )


@require_admin_access
@permission_required("pages.add_communityreview", raise_exception=True)
@require_POST
def mark_reviewed(request, page_id):
    page = get_object_or_404(Page, pk=page_id, alias_of__isnull=True)
    CommunityReview.objects.update_or_create(
        page=page,
        defaults={"reviewed_at": timezone.now(), "reviewed_by": request.user, "note": request.POST.get("note", "")[:2000]},
    )
    messages.success(request, _("Marked “%(title)s” as reviewed by the community.") % {"title": page.title})
    return redirect("translation_status")
