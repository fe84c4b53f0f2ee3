"""The scheme's rules, legal and illegal: signing, awarding, expiry, suspension, revocation,
concurrent reviewers, reminders and invitations."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from romahub.mishto import workflow
from romahub.mishto.models import Invitation, Membership, Participation, StatusChange
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db
PASSWORD = "a long pass phrase 1"


@pytest.fixture
def derby():
    return LocalAuthority.objects.get(slug="derby")


@pytest.fixture
def rotherham():
    return LocalAuthority.objects.get(slug="rotherham")


def council_user(django_user_model, authority, *, lead=True, name="lead"):
    user = django_user_model.objects.create_user(f"{name}@{authority.slug}.example", password=PASSWORD)
    Membership.objects.create(user=user, authority=authority, is_lead=lead)
    return user


def signed(django_user_model, authority) -> Participation:
    lead = council_user(django_user_model, authority)
    return workflow.sign(authority, lead, signatory_name="A. Person", signatory_role="Director of Children's Services",
                         statement="We commit to the Mishto pledges.")


def test_a_lead_signs_and_the_authority_is_committed(django_user_model, derby):
    participation = signed(django_user_model, derby)
    assert participation.status == "committed" and participation.signed_on == timezone.localdate()
    assert participation.version.number == 1
    change = StatusChange.objects.get(participation=participation)
    assert (change.what, change.from_status, change.to_status) == ("signed", "", "committed")


def test_who_cannot_sign(django_user_model, derby, rotherham, reviewer):
    member = council_user(django_user_model, derby, lead=False, name="member")
    other_lead = council_user(django_user_model, rotherham)
    for user in (member, other_lead, reviewer):
        with pytest.raises(workflow.NotAllowed):
            workflow.sign(derby, user, signatory_name="X", signatory_role="Y", statement="Z")
    signed(django_user_model, derby)
    second_lead = council_user(django_user_model, derby, name="second")
    with pytest.raises(workflow.NotAllowed):
        workflow.sign(derby, second_lead, signatory_name="X", signatory_role="Y", statement="Z")


def under_review(participation):
    Participation.objects.filter(pk=participation.pk).update(status=Participation.UNDER_REVIEW)
    participation.refresh_from_db()
    return participation


def test_only_a_reviewer_awards_and_only_when_every_pledge_is_accepted(django_user_model, derby, reviewer):
    participation = signed(django_user_model, derby)
    lead = Membership.objects.get(authority=derby).user
    with pytest.raises(workflow.NotAllowed):  # not under review yet
        workflow.award(participation, reviewer, all_pledges_accepted=True)
    under_review(participation)
    with pytest.raises(workflow.NotAllowed):
        workflow.award(participation, lead, all_pledges_accepted=True)
    with pytest.raises(workflow.NotAllowed):
        workflow.award(participation, reviewer, all_pledges_accepted=False)
    awarded = workflow.award(participation, reviewer, all_pledges_accepted=True)
    assert awarded.status == "awarded" and awarded.awarded_on == timezone.localdate()
    assert workflow.expires_on(awarded) == workflow.add_years(timezone.localdate(), 2)
    assert StatusChange.objects.filter(participation=participation, what="awarded", by=reviewer).exists()


def test_expiry_is_computed_from_the_award_date_not_stored(django_user_model, derby):
    participation = signed(django_user_model, derby)
    Participation.objects.filter(pk=participation.pk).update(status="awarded", awarded_on=date(2024, 2, 29))
    participation.refresh_from_db()
    assert workflow.expires_on(participation) == date(2026, 2, 28)
    assert workflow.public_status(participation, date(2026, 2, 28)).code == "awarded"
    assert workflow.is_mark_valid(participation, date(2026, 2, 28))
    assert workflow.public_status(participation, date(2026, 3, 1)).code == "expired"
    assert not workflow.is_mark_valid(participation, date(2026, 3, 1))
    assert Participation.objects.get(pk=participation.pk).status == "awarded"


def test_renewal_reminders_fall_90_and_30_days_before_expiry(django_user_model, derby, rotherham):
    first, second = signed(django_user_model, derby), signed(django_user_model, rotherham)
    today = date(2027, 1, 10)
    Participation.objects.filter(pk=first.pk).update(status="awarded", awarded_on=workflow.add_years(today + timedelta(days=90), -2))
    Participation.objects.filter(pk=second.pk).update(status="awarded", awarded_on=workflow.add_years(today + timedelta(days=30), -2))
    assert sorted((p.authority.slug, days) for p, days in workflow.reminders_due(today)) == [("derby", 90), ("rotherham", 30)]
    assert workflow.reminders_due(today + timedelta(days=1)) == []


def test_suspend_and_revoke_need_a_reviewer_and_a_public_reason(django_user_model, derby, reviewer):
    participation = under_review(signed(django_user_model, derby))
    lead = Membership.objects.get(authority=derby).user
    with pytest.raises(workflow.NotAllowed):
        workflow.withdraw(participation, lead, "suspended", "No reason")
    with pytest.raises(workflow.NotAllowed):
        workflow.withdraw(participation, reviewer, "suspended", "  ")
    with pytest.raises(workflow.NotAllowed):
        workflow.withdraw(participation, reviewer, "awarded", "Sneaky")
    suspended = workflow.withdraw(participation, reviewer, "suspended", "Evidence for pledge 2 is out of date.")
    assert (suspended.status, suspended.public_reason) == ("suspended", "Evidence for pledge 2 is out of date.")
    revoked = workflow.withdraw(suspended, reviewer, "revoked", "No response for six months.")
    with pytest.raises(workflow.NotAllowed):
        workflow.withdraw(revoked, reviewer, "suspended", "Again")
    assert [c.what for c in StatusChange.objects.filter(participation=participation)] == ["signed", "suspended", "revoked"]


def test_concurrent_reviewers_cannot_overwrite_each_other(django_user_model, derby, reviewer):
    participation = under_review(signed(django_user_model, derby))
    seen_by_both = participation.revision
    workflow.withdraw(participation, reviewer, "suspended", "First reviewer's reason.", expected_revision=seen_by_both)
    with pytest.raises(workflow.Stale):
        workflow.award(participation, reviewer, all_pledges_accepted=True, expected_revision=seen_by_both)
    assert Participation.objects.get(pk=participation.pk).status == "suspended"


# --- invitations ----------------------------------------------------------------------------

def test_an_invitation_works_once_and_creates_the_membership(derby, reviewer):
    invitation, token = workflow.invite(reviewer, derby, " Officer@Derby.gov.uk ", is_lead=True)
    assert invitation.email == "officer@derby.gov.uk" and token not in invitation.token_hash
    user = workflow.accept_invitation(token, PASSWORD)
    assert user.check_password(PASSWORD)
    assert Membership.objects.get(user=user).is_lead and Membership.objects.get(user=user).authority == derby
    with pytest.raises(workflow.NotAllowed):
        workflow.accept_invitation(token, PASSWORD)


def test_an_expired_invitation_fails(derby, reviewer):
    invitation, token = workflow.invite(reviewer, derby, "late@derby.gov.uk")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert workflow.find_invitation(token) is None
    with pytest.raises(workflow.NotAllowed):
        workflow.accept_invitation(token, PASSWORD)
    assert not Membership.objects.exists()


def test_invitations_last_seven_days(derby, reviewer):
    invitation, _token = workflow.invite(reviewer, derby, "someone@derby.gov.uk")
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    assert workflow.find_invitation("not-a-token") is None


def test_a_lead_invites_colleagues_to_their_own_council_only(django_user_model, derby, rotherham):
    lead = council_user(django_user_model, derby)
    member = council_user(django_user_model, derby, lead=False, name="member")
    invitation, _token = workflow.invite(lead, derby, "colleague@derby.gov.uk", is_lead=True)
    assert invitation.is_lead is False  # only reviewers make leads
    with pytest.raises(workflow.NotAllowed):
        workflow.invite(lead, rotherham, "someone@rotherham.gov.uk")
    with pytest.raises(workflow.NotAllowed):
        workflow.invite(member, derby, "someone@derby.gov.uk")
