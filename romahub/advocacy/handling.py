"""What happens to a help request, from the form to its deletion: each step in one place.

Views call these; nothing here reads or writes anything personal in plain. The sealed fields
were sealed on receipt (`receive`), and anything a partner writes arrives already sealed by its
browser (`add_note`, `pass_on`).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from romahub.advocacy import notifications, partners, sealing
from romahub.advocacy.models import HelpRequest, Partner, RequestEvent, RequestNote, Tally
from romahub.conference.timeline import add_working_days


class NotAllowed(Exception):
    pass


@sensitive_variables("form", "data", "fields")
def receive(form, language: str, now: datetime | None = None) -> tuple[HelpRequest, str] | None:
    """Route, seal and keep a valid form's request; None when no partner can take it (nothing kept).
    Returns the request and the family's status token (the only copy: it goes into their link)."""
    now = now or timezone.now()
    data = form.cleaned_data
    routed = partners.route(data["authority"], data["languages"], now=now)
    if routed is None:
        return None
    partner, _step = routed
    token, token_hash = HelpRequest.new_status_token()
    request = HelpRequest(
        partner=partner, authority=data["authority"], languages=sorted(data["languages"]),
        happening=data["happening"], conference_date=data.get("conference_date"), language=language,
        may_pass_on=bool(data.get("may_pass_on")), status_token_hash=token_hash, received_at=now, given_at=now,
    )
    fields = form.sealed_fields()
    request.sealed = sealing.seal(partner.public_key, fields, request.context)
    if request.may_pass_on:
        following = partners.route(data["authority"], data["languages"], exclude={partner.pk}, now=now)
        if following:
            request.next_partner = following[0]
            request.sealed_for_next = sealing.seal(following[0].public_key, fields, request.context)
    with transaction.atomic():  # one commit: the request, the partner's turn and the e-mail's task
        request.save()
        Partner.objects.filter(pk=partner.pk).update(last_given_at=now)
        notifications.tell_partner(partner, "new")
    return request, token


def _log(request: HelpRequest, user, action: str, now=None) -> None:
    RequestEvent.objects.create(request=request, user=user, partner=request.partner, action=action, at=now or timezone.now())


def open_sealed(request: HelpRequest, member) -> dict:
    """The sealed request and notes, for the receiving partner's staff only; every opening is logged."""
    if member is None or member.partner_id != request.partner_id:
        raise NotAllowed
    now = timezone.now()
    if request.status == HelpRequest.RECEIVED:
        request.status, request.opened_at = HelpRequest.OPENED, now
        request.save(update_fields=["status", "opened_at"])
    _log(request, member.user, RequestEvent.OPENED, now)
    notes = request.notes.filter(partner=request.partner)
    return {"id": str(request.id), "context": request.context.decode(), "note_context": request.note_context().decode(),
            "sealed": request.sealed, "notes": [{"at": note.at.isoformat(), "sealed": note.sealed} for note in notes]}


def accept(request: HelpRequest, member) -> None:
    if member.partner_id != request.partner_id or request.status not in (HelpRequest.RECEIVED, HelpRequest.OPENED):
        raise NotAllowed
    request.status, request.accepted_at = HelpRequest.ACCEPTED, timezone.now()
    request.save(update_fields=["status", "accepted_at"])
    _log(request, member.user, RequestEvent.ACCEPTED)


def add_note(request: HelpRequest, member, envelope) -> RequestNote:
    if member.partner_id != request.partner_id or request.status == HelpRequest.CLOSED:
        raise NotAllowed
    note = RequestNote.objects.create(request=request, partner=request.partner, author=member.user,
                                      sealed=sealing.check_envelope(envelope))
    _log(request, member.user, RequestEvent.NOTE)
    return note


def close(request: HelpRequest, member, outcome: str) -> None:
    if member.partner_id != request.partner_id or request.status == HelpRequest.CLOSED:
        raise NotAllowed
    request.status, request.outcome, request.closed_at = HelpRequest.CLOSED, outcome, timezone.now()
    request.sealed_for_next, request.next_partner = None, None
    with transaction.atomic():
        request.save(update_fields=["status", "outcome", "closed_at", "sealed_for_next", "next_partner"])
        Tally.count(request, outcome)
    _log(request, member.user, RequestEvent.CLOSED)


def pass_on_targets(request: HelpRequest):
    """Where staff may pass a request: partners taking requests, other than the receiving one."""
    return Partner.objects.taking_requests().exclude(pk=request.partner_id).select_related("organization")


def _give(request: HelpRequest, partner: Partner, envelope: dict, user, now) -> None:
    with transaction.atomic():
        _log(request, user, RequestEvent.PASSED_ON, now)
        request.notes.all().delete()  # the first partner's notes are its own
        request.partner, request.sealed, request.given_at = partner, envelope, now
        request.status, request.opened_at, request.accepted_at, request.reminded_at = HelpRequest.RECEIVED, None, None, None
        request.sealed_for_next, request.next_partner = None, None
        request.passed_on += 1
        request.save()
        Partner.objects.filter(pk=partner.pk).update(last_given_at=now)
    notifications.tell_partner(partner, "new")


def pass_on(request: HelpRequest, member, partner: Partner, envelope) -> None:
    """Staff pass a request on, where the family agreed: their browser has opened it and sealed it
    again to the other partner's key."""
    if member.partner_id != request.partner_id or not request.may_pass_on or request.status == HelpRequest.CLOSED:
        raise NotAllowed
    if not pass_on_targets(request).filter(pk=partner.pk).exists():
        raise NotAllowed
    _give(request, partner, sealing.check_envelope(envelope), member.user, timezone.now())


def working_days_since(moment: datetime, today) -> int:
    """Whole working days from `moment`'s day to `today` (the day itself not counted)."""
    day, count = timezone.localtime(moment).date(), 0
    while add_working_days(day, count + 1) <= today:
        count += 1
    return count


def daily(now: datetime | None = None) -> dict:
    """Reminders after REMIND working days unopened; after PASS_ON working days unopened, the copy
    sealed for the next partner by the rule (kept only where the family agreed) goes to it."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    counts = {"reminded": 0, "passed_on": 0}
    for request in HelpRequest.objects.unopened().select_related("partner", "next_partner"):
        days = working_days_since(request.given_at, today)
        if days >= settings.HELP_REQUEST_PASS_ON_WORKING_DAYS and request.sealed_for_next and request.next_partner_id:
            if Partner.objects.taking_requests().filter(pk=request.next_partner_id).exists():
                _give(request, request.next_partner, request.sealed_for_next, None, now)
                counts["passed_on"] += 1
                continue
        if days >= settings.HELP_REQUEST_REMIND_WORKING_DAYS and request.reminded_at is None:
            request.reminded_at = now
            request.save(update_fields=["reminded_at"])
            _log(request, None, RequestEvent.REMINDED, now)
            notifications.tell_partner(request.partner, "reminder")
            counts["reminded"] += 1
    return counts


def purge(now: datetime | None = None) -> dict:
    """Delete closed requests after HELP_REQUEST_CLOSED_DAYS and unopened ones after
    HELP_REQUEST_UNOPENED_DAYS, with their notes and log entries."""
    now = now or timezone.now()
    closed = HelpRequest.objects.filter(status=HelpRequest.CLOSED,
                                        closed_at__lt=now - timedelta(days=settings.HELP_REQUEST_CLOSED_DAYS))
    unopened = HelpRequest.objects.unopened().filter(received_at__lt=now - timedelta(days=settings.HELP_REQUEST_UNOPENED_DAYS))
    counts = {"closed": closed.count(), "unopened": unopened.count()}
    for request in unopened:
        Tally.count(request, Tally.NEVER_OPENED)
    closed.delete()
    unopened.delete()
    return counts
