"""The partner's workspace: staff of the receiving partner only, each with a second factor.

The server hands out sealed boxes and takes sealed boxes back; opening and sealing happen in the
staff member's browser (static/advocacy/workspace.js), which is why the workspace needs
JavaScript and says so. A request of another partner answers 404, as if it did not exist.
"""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from romahub.advocacy import handling, sealing, statistics
from romahub.advocacy.forms import CONTACT_BY, YES_NO
from romahub.advocacy.models import OUTCOMES, WHO, HelpRequest, Partner
from romahub.advocacy.permissions import membership
from romahub.core.privacy import never_kept


def partner_staff(view):
    """Signed in, a member of a partner's staff; the member is passed to the view."""
    @login_required
    def wrapped(request, *args, **kwargs):
        member = membership(request.user)
        if member is None:
            raise PermissionDenied
        return never_kept(view(request, member, *args, **kwargs))
    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _words() -> dict:
    """What the workspace's script may say, in the reader's language."""
    return {
        "short": _("The passphrase must be at least 12 characters long."),
        "different": _("The two passphrases are not the same."),
        "failed": _("That did not work. Check your connection and try again."),
        "cannot_open": _("This passphrase or recovery key does not open your organisation's key. Check it and try again."),
        "wrong_recovery": _("This recovery key is not right. Check each group of letters and try again."),
        "rewrapped": _("Your new passphrase is saved. Use it from now on."),
        "opened_now": _("You, just now: opened"),
    }


def _field_labels() -> tuple[dict, dict]:
    """How the workspace names what the family wrote (the form asks questions; staff read facts)."""
    labels = {
        "who": _("Who is asking"), "name": _("Name to use"), "contact_by": _("Contact by"), "phone": _("Phone number"),
        "email": _("E-mail address"), "safe_times": _("Safe times to contact"), "leave_message": _("Safe to leave a message"),
        "details": _("What they wrote"),
    }
    choices = {"who": {k: str(v) for k, v in WHO}, "contact_by": {k: str(v) for k, v in CONTACT_BY},
               "leave_message": {k: str(v) for k, v in YES_NO}}
    return labels, choices


def _own_request(member, pk) -> HelpRequest:
    return get_object_or_404(HelpRequest.objects.for_partner(member.partner).select_related("authority"), pk=pk)


def _json_body(request) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise Http404 from None
    return body if isinstance(body, dict) else {}


@require_GET
@partner_staff
def workspace(request, member):
    requests = HelpRequest.objects.for_partner(member.partner).select_related("authority")
    return render(request, "advocacy/workspace.html", {
        "member": member, "partner": member.partner, "requests": requests,
        "counts": statistics.for_partner(member.partner),
    })


@require_http_methods(["GET", "POST"])
@partner_staff
def key(request, member):
    """The partner's key: made, and later re-wrapped under a new passphrase, in an administrator's browser."""
    partner = member.partner
    if request.method == "POST":
        if not member.is_admin:
            raise PermissionDenied
        body = _json_body(request)
        try:
            wrapped = sealing.check_wrapped_key(body.get("wrapped"), with_salt=True)
            if body.get("action") == "rewrap":
                if not partner.has_key:
                    raise sealing.BadEnvelope("no key to re-wrap")
                Partner.objects.filter(pk=partner.pk).update(wrapped_key=wrapped)
            else:
                if partner.has_key:
                    return JsonResponse({"error": "exists"}, status=409)
                sealing.load_public_key(body.get("public_key", ""))
                recovery = sealing.check_wrapped_key(body.get("recovery_wrapped"), with_salt=False)
                Partner.objects.filter(pk=partner.pk).update(
                    public_key=body["public_key"], wrapped_key=wrapped, recovery_wrapped_key=recovery, key_made_at=timezone.now(),
                )
        except (sealing.BadEnvelope, sealing.BadKey):
            return JsonResponse({"error": "invalid"}, status=400)
        return JsonResponse({"saved": True})
    return render(request, "advocacy/key.html", {"member": member, "partner": partner, "words": _words()})


@require_GET
@partner_staff
def request_page(request, member, pk):
    help_request = _own_request(member, pk)
    labels, choices = _field_labels()
    return render(request, "advocacy/request.html", {
        "words": _words(), "labels": labels, "choices": choices,
        "member": member, "partner": member.partner, "help_request": help_request, "outcomes": OUTCOMES,
        "targets": handling.pass_on_targets(help_request) if help_request.may_pass_on else [],
        "events": help_request.events.select_related("user"),
    })


@require_POST
@partner_staff
def sealed(request, member, pk):
    """The sealed request and notes (POST, so that only the workspace's own script, with its CSRF
    token, opens a request and writes the log line)."""
    help_request = _own_request(member, pk)
    return JsonResponse({**handling.open_sealed(help_request, member), "wrapped_key": member.partner.wrapped_key,
                         "recovery_wrapped_key": member.partner.recovery_wrapped_key})


@require_POST
@partner_staff
def accept(request, member, pk):
    help_request = _own_request(member, pk)
    try:
        handling.accept(help_request, member)
    except handling.NotAllowed:
        pass  # already accepted or closed: the page shows its state
    return redirect("advocacy:request", pk=help_request.pk)


@require_POST
@partner_staff
def close(request, member, pk):
    help_request = _own_request(member, pk)
    outcome = request.POST.get("outcome", "")
    if outcome in dict(OUTCOMES):
        try:
            handling.close(help_request, member, outcome)
        except handling.NotAllowed:
            pass
    return redirect("advocacy:request", pk=help_request.pk)


@require_POST
@partner_staff
def note(request, member, pk):
    help_request = _own_request(member, pk)
    try:
        handling.add_note(help_request, member, _json_body(request).get("sealed"))
    except (handling.NotAllowed, sealing.BadEnvelope):
        return JsonResponse({"error": "invalid"}, status=400)
    return JsonResponse({"saved": True})


@require_POST
@partner_staff
def pass_on(request, member, pk):
    help_request = _own_request(member, pk)
    body = _json_body(request)
    target = Partner.objects.filter(pk=body.get("partner") if isinstance(body.get("partner"), int) else None).first()
    if target is None:
        return JsonResponse({"error": "invalid"}, status=400)
    try:
        handling.pass_on(help_request, member, target, body.get("sealed"))
    except (handling.NotAllowed, sealing.BadEnvelope):
        return JsonResponse({"error": "invalid"}, status=400)
    return JsonResponse({"saved": True})


@require_GET
@partner_staff
def public_key(request, member, pk, partner_pk):
    """The public key of a partner this request may be passed to (to seal it again in the browser)."""
    help_request = _own_request(member, pk)
    if not help_request.may_pass_on:
        raise Http404
    target = get_object_or_404(handling.pass_on_targets(help_request), pk=partner_pk)
    return JsonResponse({"partner": target.pk, "public_key": target.public_key})
