"""The council's side of the scheme: joining by invitation, signing, inviting colleagues."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from romahub.mishto import assessment, charter, evidence, workflow
from romahub.mishto.forms import InviteForm, SetPasswordForm, SignForm
from romahub.mishto.models import ActionProgress, Evidence, Participation


def send_invitation(request, invitation, token: str) -> None:
    """E-mail the single-use link at once, in the invitation's language.

    Not through the task queue: the link is the only copy of the secret and must not wait in a
    table. The token is in the query string, which access logs leave out.
    """
    with override(invitation.language):
        link = request.build_absolute_uri(reverse("mishto:invitation") + f"?token={token}")
        _send_invitation_mail(invitation, link)


def _send_invitation_mail(invitation, link: str) -> None:
    send_mail(
        _("Your invitation to the Mishto Campaign on the Roma Child Protection Hub"),
        _("You have been invited to act for %(authority)s in the Mishto Campaign.\n\n"
          "Open this link within 7 days to choose your password. It works once:\n%(link)s\n\n"
          "If you did not expect this, ignore this e-mail.") % {"authority": invitation.authority.name, "link": link},
        settings.DEFAULT_FROM_EMAIL, [invitation.email],
    )


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request):
    token = request.GET.get("token", "")
    found = workflow.find_invitation(token)
    if found is None:
        return render(request, "mishto/invitation_invalid.html", status=410)
    form = SetPasswordForm(request.POST if request.method == "POST" else None, email=found.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = workflow.accept_invitation(token, form.cleaned_data["password"], get_language()[:2])
        except workflow.NotAllowed as error:
            form.add_error(None, str(error))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("mishto:council")
    return render(request, "mishto/invitation.html", {"form": form, "invitation": found})


@never_cache
@login_required(login_url="mishto:login")
@require_http_methods(["GET", "POST"])
def council(request):
    member = workflow.membership(request.user)
    if member is None:
        return render(request, "mishto/not_a_council_user.html", status=403)
    authority = member.authority
    participation = Participation.objects.filter(authority=authority).select_related("version").first()
    sign_form = SignForm(request.POST if request.POST.get("action") == "sign" else None)
    invite_form = InviteForm(request.POST if request.POST.get("action") == "invite" else None)
    if request.method == "POST" and not member.is_lead:
        return render(request, "mishto/not_a_council_user.html", status=403)
    if request.method == "POST":
        if request.POST.get("action") == "sign" and participation is None and sign_form.is_valid():
            data = sign_form.cleaned_data
            workflow.sign(authority, request.user, signatory_name=data["signatory_name"],
                          signatory_role=data["signatory_role"], statement=data["statement"])
            messages.success(request, _("Signed. Your council is now on the public Mishto register."))
            return redirect("mishto:council")
        if request.POST.get("action") == "invite" and invite_form.is_valid():
            invited, token = workflow.invite(request.user, authority, invite_form.cleaned_data["email"], language=get_language()[:2])
            send_invitation(request, invited, token)
            messages.success(request, _("Invitation sent to %(email)s. The link works once, for 7 days.") % {"email": invited.email})
            return redirect("mishto:council")
    return render(request, "mishto/council.html", {
        "member": member, "authority": authority, "participation": participation,
        "status": workflow.public_status(participation) if participation else None,
        "sign_form": sign_form, "invite_form": invite_form, "version": charter.current_version(),
    })


class CouncilLoginForm(AuthenticationForm):
    """Council accounts are named by the e-mail address the invitation went to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail")


class CouncilLoginView(LoginView):
    template_name = "mishto/login.html"
    authentication_form = CouncilLoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("mishto:council")


def _council_assessment(request):
    """The signed-in council user's participation and current assessment, or an error response."""
    member = workflow.membership(request.user)
    participation = Participation.objects.filter(authority=member.authority).select_related("version").first() if member else None
    if participation is None:
        return None, None, render(request, "mishto/not_a_council_user.html", status=403)
    try:
        item = assessment.open_for(participation, request.user)
    except workflow.NotAllowed as error:
        messages.error(request, str(error))
        return participation, None, redirect("mishto:council")
    return participation, item, None


@never_cache
@login_required(login_url="mishto:login")
@require_http_methods(["GET", "POST"])
def assessment_overview(request):
    participation, item, refusal = _council_assessment(request)
    if refusal:
        return refusal
    if request.method == "POST":
        if not workflow.is_lead_of(request.user, participation.authority):
            return render(request, "mishto/not_a_council_user.html", status=403)
        try:
            assessment.submit(item, request.user)
        except workflow.NotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Submitted. Reviewers from the Roma Rights Forum will look at it; you will hear from them by e-mail."))
        return redirect("mishto:assessment")
    progress = list(item.progress.select_related("action"))
    reviews = {review.pledge_id: review for review in item.reviews.all()}
    pledges = [
        {
            "pledge": pledge, "review": reviews.get(pledge.pk),
            "done": sum(p.status != "not_started" for p in progress if p.action.pledge_id == pledge.pk),
            "total": sum(p.action.pledge_id == pledge.pk for p in progress),
        }
        for pledge in participation.version.pledges.all()
    ]
    return render(request, "mishto/assessment.html", {
        "participation": participation, "assessment": item, "pledges": pledges,
        "is_lead": workflow.is_lead_of(request.user, participation.authority),
    })


@never_cache
@login_required(login_url="mishto:login")
@require_http_methods(["GET", "POST"])
def assessment_pledge(request, number: int):
    participation, item, refusal = _council_assessment(request)
    if refusal:
        return refusal
    pledge = get_object_or_404(participation.version.pledges, number=number)
    rows = list(item.progress.filter(action__pledge=pledge).select_related("action").prefetch_related("evidence"))
    errors: dict[int, str] = {}
    if request.method == "POST":
        try:
            _save_pledge(request, item, rows, errors)
        except workflow.NotAllowed as error:
            messages.error(request, str(error))
            return redirect("mishto:assessment")
        if not errors:
            messages.success(request, _("Saved."))
            return redirect("mishto:assessment_pledge", number=number)
        rows = list(item.progress.filter(action__pledge=pledge).select_related("action").prefetch_related("evidence"))
    return render(request, "mishto/assessment_pledge.html", {
        "participation": participation, "assessment": item, "pledge": pledge, "rows": rows, "errors": errors,
        "statuses": ActionProgress.STATUSES, "comments": item.comments.filter(pledge=pledge).select_related("author"),
        "review": item.reviews.filter(pledge=pledge).first(),
        "next_pledge": participation.version.pledges.filter(number__gt=number).order_by("number").first(),
    })


def _ids(values: list[str]) -> list[int] | None:
    """Record ids from checkbox values, or None when one is not an id (a forged or broken form)."""
    if not all(value.isascii() and value.isdigit() and len(value) <= 18 for value in values):
        return None
    return [int(value) for value in values]


def _text(value: str, max_length: int) -> str | None:
    """Free text cut to its length, or None when it holds what no database column takes (a NUL)."""
    return None if "\x00" in value else value[:max_length]


def _save_pledge(request, item, rows, errors) -> None:
    """Save every action's status and text, then each new file; a refused file is reported beside its action."""
    comment = _text(request.POST.get("comment", ""), 3000)
    if comment is None:
        errors[rows[0].action_id] = _("Remove the unusual characters from the comment.")
    elif comment.strip():
        assessment.add_comment(item, request.user, rows[0].action.pledge_id, comment)
    if not item.editable:
        return  # submitted: only the conversation with the reviewers goes on
    for row in rows:
        key = str(row.action_id)
        removals = _ids(request.POST.getlist(f"remove-{key}"))
        if removals is None:
            errors[row.action_id] = _("Choose the files to remove from the list.")
        else:
            for found in row.evidence.filter(pk__in=removals):
                assessment.remove_evidence(found, request.user)
        status = request.POST.get(f"status-{key}", row.status)
        if status not in dict(ActionProgress.STATUSES):
            errors[row.action_id] = _("Choose how far this has gone.")
            status = row.status
        narrative = _text(request.POST.get(f"narrative-{key}", row.narrative), 5000)
        if narrative is None:
            errors[row.action_id] = _("Remove the unusual characters from what you have done.")
            narrative = row.narrative
        assessment.save_progress(item, request.user, row.action_id, status, narrative)
        upload = request.FILES.get(f"file-{key}")
        if upload:
            try:
                assessment.add_evidence(item, request.user, row.action_id, upload, is_public=bool(request.POST.get(f"public-{key}")))
            except ValidationError as error:
                errors[row.action_id] = error.messages[0]


@never_cache
@require_http_methods(["GET"])
def evidence_file(request, pk: int):
    item = Evidence.objects.select_related("progress__assessment__participation").filter(pk=pk).first()
    if item is None or not assessment.may_download(request.user, item):
        raise Http404  # the same answer whether the file exists or not
    assessment.record_download(item, request.user)
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name,
                            content_type=evidence.CONTENT_TYPES[item.kind])
    response["Cache-Control"] = "private, no-store"
    return response
