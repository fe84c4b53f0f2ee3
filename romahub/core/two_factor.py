"""A second factor (TOTP) for the users and paths the site's policy names (settings.SECOND_FACTOR_POLICY,
romahub/site/second_factor.py): everyone who can open the admin, and the users each app names.

After a password-only sign-in they can reach nothing in the admin (nor Mishto evidence) until
they have set up an authenticator app and entered its current code in this session. Council
users of the Mishto scheme sign in with a password only, as the scheme asks.

A password alone does not let anyone set up an authenticator: the secret is shown only in a
session that has opened a one-time link (core/enrolment.py), e-mailed to the account's address
or printed by an operator.
"""

import base64
from importlib import import_module

import segno
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from romahub.core import enrolment

# The unconfirmed device that a link opened in this session may show and confirm.
SESSION_GRANT = "two_factor_enrolment_device"
# A link's token, kept while its owner signs in on the way to it.
SESSION_LINK = "two_factor_enrolment_link"


def policy():
    """The site's policy: `protects(path)` and `applies_to(user)` (named in settings, so that the
    foundation need not know which apps hold what must be protected)."""
    return import_module(settings.SECOND_FACTOR_POLICY)


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = policy()

    def __call__(self, request):
        policy = self.policy
        if policy.protects(request.path) and policy.applies_to(request.user) and not request.user.is_verified():
            target = "two_factor_verify" if user_has_device(request.user) else "two_factor_setup"
            return redirect(f"{reverse(target)}?{REDIRECT_FIELD_NAME}={request.get_full_path()}")
        return self.get_response(request)


def _next(request) -> str:
    admin = settings.ADMIN_PATH_PREFIX
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or admin
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()) else admin


def _code(request) -> str:
    return "".join(ch for ch in request.POST.get("code", "") if ch.isdigit())


def _granted_device(request):
    pk = request.session.get(SESSION_GRANT)
    return TOTPDevice.objects.filter(pk=pk, user=request.user, confirmed=False).first() if pk else None


def _ask_for_link(request, error: str = "", status: int = 200):
    """The set-up page without a link: it offers to e-mail one, and never shows a secret."""
    sent = False
    if request.method == "POST" and request.POST.get("action") == "send":
        if not request.user.email:
            error = _("Your account has no e-mail address. Ask an administrator for a set-up link.")
        elif enrolment.may_send(request.user):
            enrolment.send_link.enqueue(request.user.pk, get_language())
            sent = True
        else:
            error = _("We sent you a link a few minutes ago. Look for it in your inbox and your spam folder, "
                      "or ask again in a few minutes.")
    return render(request, "core/two_factor_start.html", {
        "error": error, "sent": sent, "has_email": bool(request.user.email), "duration": enrolment.minutes(),
        "next": _next(request),
    }, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrolment: with a link opened in this session, a new secret shown as a QR code and as text,
    confirmed by one code from the app; without one, a page that sends the link."""
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if user_has_device(request.user):
        return redirect(f"{reverse('two_factor_verify')}?{REDIRECT_FIELD_NAME}={_next(request)}")
    device = _granted_device(request)
    if device is None:
        return _ask_for_link(request)
    error = ""
    if request.method == "POST":
        if device.verify_token(_code(request)):
            device.confirmed = True
            device.save()  # every link still in an inbox stops working (core/enrolment.py)
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            request.session.pop(SESSION_GRANT, None)
            otp_login(request, device)
            return redirect(_next(request))
        error = _("That code is not right. Check the time on your phone and enter the newest code.")
    secret = base64.b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    return render(request, "core/two_factor_setup.html", {
        "qr": qr, "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)), "error": error, "next": _next(request),
    })


@never_cache
@require_GET
def open_link(request):
    """A set-up link. Signed in as its account, it lets this session set up a new authenticator and
    is used up; signed out, it keeps the token in the session while the user signs in."""
    token = request.GET.get("token", "")
    if not request.user.is_authenticated:
        if token:
            request.session[SESSION_LINK] = token
        return redirect_to_login(reverse("two_factor_link"), settings.LOGIN_URL)
    token = token or request.session.get(SESSION_LINK, "")
    request.session.pop(SESSION_LINK, None)
    if user_has_device(request.user):
        return redirect("two_factor_verify")
    outcome = enrolment.check(request.user, token) if token else enrolment.INVALID
    if outcome == enrolment.VALID:
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
        request.session[SESSION_GRANT] = device.pk
        return redirect("two_factor_setup")  # the address bar no longer holds the token
    if outcome == enrolment.OTHER_USER:
        error = _("This link was sent for a different account. Sign out, then sign in with the account "
                  "it was sent to, and open the link again.")
        return _ask_for_link(request, error, status=403)
    if outcome == enrolment.EXPIRED:
        error = _("This link has expired: a link works for %(duration)s. Ask for a new one below.") % {
            "duration": enrolment.minutes()}
    else:
        error = _("This link does not work. It may have been used already, or changed on the way. "
                  "Ask for a new one below.")
    return _ask_for_link(request, error, status=410)


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('two_factor_setup')}?{REDIRECT_FIELD_NAME}={_next(request)}")
    error = ""
    if request.method == "POST":
        if device.verify_token(_code(request)):
            otp_login(request, device)
            return redirect(_next(request))
        error = _("That code is not right. Enter the newest code from your authenticator app.")
    return render(request, "core/two_factor_verify.html", {"error": error, "next": _next(request)})
