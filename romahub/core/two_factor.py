"""A second factor (TOTP) for everyone who can open the admin, and for Mishto reviewers.

After a password-only sign-in they can reach nothing in `/admin/` (nor Mishto evidence) until
they have set up an authenticator app and entered its current code in this session. Council
users of the Mishto scheme sign in with a password only, as the scheme asks.
"""

import base64
import re

import segno
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

# Paths that need the second factor once the user is one who must have it.
PROTECTED = re.compile(r"^/admin/|^/[a-z]{2}/mishto/evidence/")
# The admin's own sign-in and sign-out, and the second-factor pages themselves.
EXEMPT = re.compile(r"^/admin/(login|logout|two-factor)/")


def needs_second_factor(user) -> bool:
    from romahub.mishto.workflow import is_reviewer

    if not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin") or is_reviewer(user)


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if PROTECTED.match(path) and not EXEMPT.match(path) and needs_second_factor(request.user) and not request.user.is_verified():
            target = "two_factor_verify" if user_has_device(request.user) else "two_factor_setup"
            return redirect(f"{reverse(target)}?{REDIRECT_FIELD_NAME}={request.get_full_path()}")
        return self.get_response(request)


def _next(request) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or "/admin/"
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()) else "/admin/"


def _code(request) -> str:
    return "".join(ch for ch in request.POST.get("code", "") if ch.isdigit())


@never_cache
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrolment: a new secret shown as a QR code and as text, confirmed by one code from the app."""
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if user_has_device(request.user):
        return redirect(f"{reverse('two_factor_verify')}?{REDIRECT_FIELD_NAME}={_next(request)}")
    device, _created = TOTPDevice.objects.get_or_create(user=request.user, confirmed=False, defaults={"name": "authenticator"})
    error = ""
    if request.method == "POST":
        if device.verify_token(_code(request)):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            return redirect(_next(request))
        error = _("That code is not right. Check the time on your phone and enter the newest code.")
    secret = base64.b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    return render(request, "core/two_factor_setup.html", {
        "qr": qr, "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)), "error": error, "next": _next(request),
    })


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
