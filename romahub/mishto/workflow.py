"""The Mishto scheme's rules: who may do what, and every change of an authority's status.

Plain functions over the models, each checking its own preconditions and recording what it did
in `StatusChange`. Views only call these; tests call them directly.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from romahub.core.tokens import new_token, token_hash
from romahub.mishto.charter import current_version
from romahub.mishto.models import CharterVersion, Invitation, Membership, Participation, StatusChange
from romahub.mishto.permissions import REVIEWERS, is_reviewer  # noqa: F401 (views ask the workflow who is who)

MARK_VALID_YEARS = 2
REMINDER_DAYS = (90, 30)
INVITATION_DAYS = 7


class NotAllowed(Exception):
    """The user may not do this, or the authority is not in a state where it can be done."""


class Stale(Exception):
    """Someone else changed this authority since the form was opened."""


# --- who is who -----------------------------------------------------------------------------

def membership(user) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.select_related("authority").filter(user=user).first()


def is_lead_of(user, authority) -> bool:
    found = membership(user)
    return bool(found and found.is_lead and found.authority_id == authority.pk)


# --- dates ----------------------------------------------------------------------------------

def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def expires_on(participation: Participation) -> date | None:
    if participation.awarded_on is None:
        return None
    return add_years(participation.awarded_on, MARK_VALID_YEARS)


@dataclass(frozen=True)
class PublicStatus:
    code: str  # committed, under_review, awarded, expired, suspended, revoked
    label: str


def public_status(participation: Participation, today: date | None = None) -> PublicStatus:
    """The status the public sees today: an awarded mark past its expiry date reads "Expired"."""
    today = today or timezone.localdate()
    if participation.status == Participation.AWARDED and today > expires_on(participation):
        return PublicStatus("expired", _("Quality Mark expired"))
    return PublicStatus(participation.status, str(participation.get_status_display()))


def is_mark_valid(participation: Participation, today: date | None = None) -> bool:
    return public_status(participation, today).code == Participation.AWARDED


def reminders_due(today: date | None = None) -> list[tuple[Participation, int]]:
    """Awarded authorities whose mark expires in exactly 90 or 30 days (the daily job sends these)."""
    today = today or timezone.localdate()
    due = []
    for participation in Participation.objects.filter(status=Participation.AWARDED, awarded_on__isnull=False):
        left = (expires_on(participation) - today).days
        if left in REMINDER_DAYS:
            due.append((participation, left))
    return due


# --- changes --------------------------------------------------------------------------------

def record(participation, user, what, from_status="", to_status="", note=""):
    StatusChange.objects.create(
        participation=participation, by=user if user and user.is_authenticated else None, what=what,
        from_status=from_status, to_status=to_status, note=note,
    )


def _change_status(participation: Participation, to_status: str, expected_revision: int | None):
    """Move to `to_status` under a row lock, refusing a form opened before someone else's change."""
    locked = Participation.objects.select_for_update().get(pk=participation.pk)
    if expected_revision is not None and locked.revision != expected_revision:
        raise Stale
    from_status = locked.status
    locked.status = to_status
    locked.revision += 1
    return locked, from_status


@transaction.atomic
def sign(authority, user, *, signatory_name: str, signatory_role: str, statement: str, version: CharterVersion | None = None) -> Participation:
    """A lead signs the current charter for their authority: it is then Committed and listed."""
    if not is_lead_of(user, authority):
        raise NotAllowed(_("Only a lead for this council can sign."))
    if Participation.objects.filter(authority=authority).exists():
        raise NotAllowed(_("This council has already signed."))
    version = version or current_version()
    if version is None or not version.is_published:
        raise NotAllowed(_("There is no published charter to sign."))
    participation = Participation.objects.create(
        authority=authority, version=version, signatory_name=signatory_name, signatory_role=signatory_role,
        statement=statement, signed_on=timezone.localdate(), status=Participation.COMMITTED,
    )
    record(participation, user, "signed", "", Participation.COMMITTED)
    return participation


@transaction.atomic
def award(participation: Participation, reviewer, *, expected_revision: int | None = None, all_pledges_accepted: bool) -> Participation:
    if not is_reviewer(reviewer):
        raise NotAllowed(_("Only a reviewer can award the Quality Mark."))
    if not all_pledges_accepted:
        raise NotAllowed(_("Every pledge must be accepted before the Quality Mark is awarded."))
    locked, from_status = _change_status(participation, Participation.AWARDED, expected_revision)
    if from_status not in (Participation.UNDER_REVIEW, Participation.AWARDED):
        raise NotAllowed(_("Only an authority under review can be awarded the Quality Mark."))
    locked.awarded_on = timezone.localdate()
    locked.public_reason = ""
    locked.save()
    record(locked, reviewer, "awarded", from_status, Participation.AWARDED)
    return locked


@transaction.atomic
def withdraw(participation: Participation, reviewer, to_status: str, reason: str, *, expected_revision: int | None = None) -> Participation:
    """Suspend or revoke, always with a reason the public register shows."""
    if not is_reviewer(reviewer):
        raise NotAllowed(_("Only a reviewer can suspend or revoke."))
    if to_status not in (Participation.SUSPENDED, Participation.REVOKED):
        raise NotAllowed(_("An authority can only be suspended or revoked."))
    if not reason.strip():
        raise NotAllowed(_("Give the reason the public will read."))
    locked, from_status = _change_status(participation, to_status, expected_revision)
    if from_status == Participation.REVOKED:
        raise NotAllowed(_("A revoked authority must sign again."))
    locked.public_reason = reason.strip()
    locked.save()
    record(locked, reviewer, to_status, from_status, to_status, reason.strip())
    return locked


# --- invitations ----------------------------------------------------------------------------

@transaction.atomic
def invite(inviter, authority, email: str, *, is_lead: bool = False, language: str = "en") -> tuple[Invitation, str]:
    """A reviewer invites anyone to any authority; a lead invites colleagues to their own, not as leads."""
    if not is_reviewer(inviter):
        if not is_lead_of(inviter, authority):
            raise NotAllowed(_("You can only invite colleagues to your own council."))
        is_lead = False
    token, hashed = new_token()
    invitation = Invitation.objects.create(
        email=email.strip().lower(), authority=authority, is_lead=is_lead, language=language, token_hash=hashed, invited_by=inviter,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    """The invitation for this token if it is still usable: unused and not expired."""
    invitation = Invitation.objects.select_related("authority").filter(token_hash=token_hash(token)).first()
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at <= timezone.now():
        return None
    return invitation


@transaction.atomic
def accept_invitation(token: str, password: str, language: str | None = None):
    """Create the person's account and membership; the link then never works again."""
    from django.contrib.auth import get_user_model

    invitation = find_invitation(token)
    if invitation is None:
        raise NotAllowed(_("This invitation link has expired or has already been used. Ask for a new one."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise NotAllowed(_("This invitation link has expired or has already been used. Ask for a new one."))
    users = get_user_model()
    if users.objects.filter(username__iexact=invitation.email).exists():
        raise NotAllowed(_("There is already an account for this e-mail address. Sign in instead."))
    user = users.objects.create_user(username=invitation.email, email=invitation.email, password=password)
    Membership.objects.create(user=user, authority=invitation.authority, is_lead=invitation.is_lead,
                              language=language or invitation.language)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user
