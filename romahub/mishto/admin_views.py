"""The reviewers' staff area in the admin: the queue, one authority's file, and every decision."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from romahub.mishto import assessment, charter, workflow
from romahub.mishto.council_views import send_invitation
from romahub.mishto.forms import InviteForm, ReviewerInviteForm
from romahub.mishto.models import Assessment, CharterVersion, Invitation, JoinRequest, Participation


class ReviewerOnly:
    def dispatch(self, request, *args, **kwargs):
        if not workflow.is_reviewer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QueueView(ReviewerOnly, WagtailAdminTemplateMixin, View):
    template_name = "mishto/admin/queue.html"
    page_title = gettext_lazy("Mishto reviews")
    header_icon = "tick-inverse"

    def get(self, request):
        rows = []
        for participation in Participation.objects.select_related("authority", "version"):
            latest = participation.assessments.first()
            rows.append((participation, workflow.public_status(participation), latest))
        # Submitted assessments wait on a reviewer: they come first.
        rows.sort(key=lambda row: (not (row[2] and row[2].state == Assessment.SUBMITTED), row[0].authority.name))
        # Councils on their way in: invited and not yet signed, and those asking to join.
        invited = (Invitation.objects.filter(accepted_at=None, expires_at__gt=timezone.now())
                   .select_related("authority").order_by("-created_at"))
        return self.render_to_response(self.get_context_data(
            rows=rows, invited=list(invited), join_requests=JoinRequest.objects.count()))


class AuthorityReviewView(ReviewerOnly, WagtailAdminTemplateMixin, View):
    template_name = "mishto/admin/authority.html"
    header_icon = "tick-inverse"

    def get_page_title(self):
        return _("Mishto review: %(authority)s") % {"authority": self.participation.authority.name}

    def dispatch(self, request, pk):
        self.participation = get_object_or_404(Participation.objects.select_related("authority", "version"), pk=pk)
        return super().dispatch(request, pk)

    def get(self, request, pk):
        return self.render_to_response(self.get_context_data(invite_form=InviteForm()))

    def post(self, request, pk):
        action = request.POST.get("action", "")
        item = self.participation.assessments.first()
        revision = _int(request.POST.get("revision"))
        try:
            if action == "invite":
                form = InviteForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(invite_form=form))
                invited, token = workflow.invite(request.user, self.participation.authority, form.cleaned_data["email"],
                                                 is_lead=bool(request.POST.get("is_lead")))
                send_invitation(request, invited, token)
                messages.success(request, _("Invitation sent to %(email)s.") % {"email": invited.email})
            elif action == "decide" and item:
                assessment.decide(item, request.user, _int(request.POST.get("pledge")), request.POST.get("decision", ""),
                                  request.POST.get("comment", ""), expected_revision=revision)
                messages.success(request, _("Decision saved."))
            elif action == "return" and item:
                assessment.return_to_council(item, request.user, expected_revision=revision)
                messages.success(request, _("Returned to the council for changes."))
            elif action == "award" and item:
                assessment.award(item, request.user, expected_revision=revision)
                messages.success(request, _("Quality Mark awarded."))
            elif action in ("suspended", "revoked"):
                workflow.withdraw(self.participation, request.user, action, request.POST.get("reason", ""),
                                  expected_revision=_int(request.POST.get("participation_revision")))
                messages.success(request, _("Saved. The reason is shown on the public register."))
            else:
                messages.error(request, _("Nothing to do."))
        except workflow.Stale:
            messages.error(request, _("Another reviewer changed this while you were reading. Check their change, then decide again."))
        except workflow.NotAllowed as error:
            messages.error(request, str(error))
        return redirect(reverse("mishto_review_authority", args=[pk]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.participation.assessments.first()
        pledges = []
        if item:
            progress = list(item.progress.select_related("action").prefetch_related("evidence"))
            reviews = {review.pledge_id: review for review in item.reviews.select_related("decided_by")}
            comments = list(item.comments.select_related("author"))
            for pledge in self.participation.version.pledges.all():
                pledges.append({
                    "pledge": pledge, "review": reviews.get(pledge.pk),
                    "progress": [p for p in progress if p.action.pledge_id == pledge.pk],
                    "comments": [c for c in comments if c.pledge_id == pledge.pk],
                })
        context.update(
            participation=self.participation, status=workflow.public_status(self.participation),
            expires_on=workflow.expires_on(self.participation), assessment=item, pledges=pledges,
            all_accepted=bool(item) and assessment.all_accepted(item),
            history=self.participation.history.select_related("by"),
        )
        return context


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class InviteView(ReviewerOnly, WagtailAdminTemplateMixin, View):
    """A reviewer invites a named person for any local authority, before or after it signs."""

    template_name = "mishto/admin/invite.html"
    page_title = gettext_lazy("Invite a council officer")
    header_icon = "mail"

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=ReviewerInviteForm()))

    def post(self, request):
        form = ReviewerInviteForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        invited, token = workflow.invite(request.user, data["authority"], data["email"], is_lead=data["is_lead"], language=data["language"])
        send_invitation(request, invited, token)
        messages.success(request, _("Invitation sent to %(email)s for %(authority)s.") % {"email": invited.email, "authority": invited.authority})
        return redirect("mishto_review_queue")


class NewVersionView(WagtailAdminTemplateMixin, View):
    """Start a draft copy of a charter version, to change the pledges without touching what councils signed."""

    template_name = "mishto/admin/new_version.html"
    page_title = gettext_lazy("Start a new version of the charter")
    header_icon = "doc-full"

    def dispatch(self, request, pk):
        if not request.user.has_perm("mishto.add_charterversion"):
            raise PermissionDenied
        self.base = get_object_or_404(CharterVersion, pk=pk)
        return super().dispatch(request, pk)

    def get(self, request, pk):
        return self.render_to_response(self.get_context_data(base=self.base))

    def post(self, request, pk):
        version = charter.start_new_version(self.base)
        messages.success(request, _("Version %(number)s started as a draft. Publish it by setting its publication date.") % {"number": version.number})
        return redirect("wagtailsnippets_mishto_charterversion:edit", version.pk)
