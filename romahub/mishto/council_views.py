"""The council's side of the scheme: joining by invitation, signing, inviting colleagues."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from romahub.mishto import charter, workflow
from romahub.mishto.forms import InviteForm, SetPasswordForm, SignForm
from romahub.mishto.models import Participation


def send_invitation(request, invitation, token: str) -> None:
    """E-mail the single-use link; the token is in the query string, which access logs leave out."""
    link = request.build_absolute_uri(reverse("mishto:invitation") + f"?token={token}")
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
    form = SetPasswordForm(request.POST or None, email=found.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = workflow.accept_invitation(token, form.cleaned_data["password"])
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
            invited, token = workflow.invite(request.user, authority, invite_form.cleaned_data["email"])
            send_invitation(request, invited, token)
            messages.success(request, _("Invitation sent to %(email)s. The link works once, for 7 days.") % {"email": invited.email})
            return redirect("mishto:council")
    return render(request, "mishto/council.html", {
        "member": member, "authority": authority, "participation": participation,
        "status": workflow.public_status(participation) if participation else None,
        "sign_form": sign_form, "invite_form": invite_form, "version": charter.current_version(),
    })


class CouncilLoginView(LoginView):
    template_name = "mishto/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("mishto:council")
