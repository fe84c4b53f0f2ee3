"""How a council starts: the public "ask to join" form, and password reset for council users."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from romahub.core import public_forms
from romahub.core.privacy import never_kept
from romahub.core.ratelimit import allow
from romahub.mishto import notifications
from romahub.mishto.forms import JoinRequestForm


@require_http_methods(["GET", "POST"])
def join(request):
    form = JoinRequestForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        outcome = public_forms.judge(request, form, "mishto-join", settings.MISHTO_JOIN_RATE_LIMIT,
                                     settings.MISHTO_JOIN_RATE_WINDOW_SECONDS)
        if outcome == public_forms.SPAM:
            return redirect("mishto:join_sent")
        if outcome == public_forms.ACCEPTED:
            asked = form.save(commit=False)
            asked.language = get_language()[:2]
            asked.save()
            notifications.join_requested(asked.authority, reverse("wagtailsnippets_mishto_joinrequest:list"))
            return redirect("mishto:join_sent")
        status = 429 if outcome == public_forms.LIMITED else 200
    return never_kept(render(request, "mishto/join.html", {"form": form}, status=status))


@require_GET
def join_sent(request):
    return render(request, "mishto/join_sent.html")


class CouncilPasswordResetView(auth_views.PasswordResetView):
    """Django's reset: the same answer whether or not the address has an account."""

    template_name = "mishto/password_reset.html"
    email_template_name = "mishto/password_reset_email.txt"
    subject_template_name = "mishto/password_reset_subject.txt"
    success_url = reverse_lazy("mishto:password_reset_sent")

    def post(self, request, *args, **kwargs):
        if not allow(request, "password-reset", settings.PASSWORD_RESET_RATE_LIMIT, settings.MISHTO_JOIN_RATE_WINDOW_SECONDS):
            # Sent or not, the reader is told the same; past the limit, nothing more is sent.
            return redirect(self.success_url)
        return super().post(request, *args, **kwargs)


class CouncilPasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "mishto/password_reset_sent.html"


class CouncilPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "mishto/password_reset_confirm.html"
    success_url = reverse_lazy("mishto:password_reset_complete")


class CouncilPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "mishto/password_reset_complete.html"
