"""The council's pages: joining by invitation, signing, inviting, and who may reach them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from romahub.mishto import workflow
from romahub.mishto.models import Invitation, Membership, Participation
from romahub.mishto.tests.test_workflow import PASSWORD, council_user
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db


@pytest.fixture
def derby():
    return LocalAuthority.objects.get(slug="derby")


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_joining_by_invitation_sets_a_password_and_opens_the_council_page(client, derby, reviewer, language):
    _invitation, token = workflow.invite(reviewer, derby, "officer@derby.gov.uk", is_lead=True)
    page = client.get(f"/{language}/mishto/invitation/", {"token": token})
    assert page.status_code == 200 and "officer@derby.gov.uk" in page.content.decode()
    weak = client.post(f"/{language}/mishto/invitation/?token={token}", {"password": "short", "password_again": "short"})
    assert weak.status_code == 200 and 'class="error-summary"' in weak.content.decode()
    assert not Membership.objects.exists()
    joined = client.post(f"/{language}/mishto/invitation/?token={token}", {"password": PASSWORD, "password_again": PASSWORD})
    assert joined.status_code == 302 and joined["Location"] == f"/{language}/mishto/council/"
    assert "Derby" in client.get(joined["Location"]).content.decode()
    client.logout()
    again = client.get(f"/{language}/mishto/invitation/", {"token": token})
    assert again.status_code == 410


def test_expired_or_unknown_invitation_links_fail_clearly(client, derby, reviewer):
    invitation, token = workflow.invite(reviewer, derby, "late@derby.gov.uk")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    for value in (token, "made-up"):
        response = client.post(f"/en/mishto/invitation/?token={value}", {"password": PASSWORD, "password_again": PASSWORD})
        assert response.status_code == 410 and "expired or has already been used" in response.content.decode()
    assert not Membership.objects.exists()


def test_a_lead_signs_from_the_council_page(client, django_user_model, derby):
    lead = council_user(django_user_model, derby)
    client.force_login(lead)
    incomplete = client.post("/en/mishto/council/", {"action": "sign", "signatory_name": "A. Person"})
    assert incomplete.status_code == 200 and not Participation.objects.exists()
    response = client.post("/en/mishto/council/", {
        "action": "sign", "signatory_name": "A. Person", "signatory_role": "Director of Children's Services",
        "statement": "Derby commits to all six pledges.", "confirm": "on",
    })
    assert response.status_code == 302
    participation = Participation.objects.get(authority=derby)
    assert participation.status == "committed" and participation.statement == "Derby commits to all six pledges."
    assert "/en/mishto/derby/" in client.get("/en/mishto/").content.decode()


def test_a_lead_invites_a_colleague_by_email(client, django_user_model, derby):
    client.force_login(council_user(django_user_model, derby))
    response = client.post("/en/mishto/council/", {"action": "invite", "email": "colleague@derby.gov.uk"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="colleague@derby.gov.uk")
    assert not invitation.is_lead and len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "/en/mishto/invitation/?token=" in body and invitation.token_hash not in body


@pytest.mark.parametrize("who,expected", [("anonymous", 302), ("no council", 403), ("member", 200), ("lead", 200)])
def test_council_page_by_role(client, django_user_model, derby, who, expected):
    if who == "no council":
        client.force_login(django_user_model.objects.create_user("someone", password=PASSWORD))
    elif who in ("member", "lead"):
        client.force_login(council_user(django_user_model, derby, lead=who == "lead", name=who))
    response = client.get("/en/mishto/council/")
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/en/mishto/login/")


def test_a_member_who_is_not_a_lead_cannot_sign_or_invite(client, django_user_model, derby):
    client.force_login(council_user(django_user_model, derby, lead=False, name="member"))
    signing = client.post("/en/mishto/council/", {
        "action": "sign", "signatory_name": "X", "signatory_role": "Y", "statement": "Z", "confirm": "on",
    })
    assert signing.status_code == 403 and not Participation.objects.exists()
    assert client.post("/en/mishto/council/", {"action": "invite", "email": "x@derby.gov.uk"}).status_code == 403
    assert not Invitation.objects.exists()


def test_council_login_page_signs_in_and_goes_to_the_council_page(client, django_user_model, derby):
    council_user(django_user_model, derby)
    assert client.get("/sk/mishto/login/").status_code == 200
    response = client.post("/sk/mishto/login/", {"username": "lead@derby.example", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/sk/mishto/council/"


def test_council_login_asks_for_the_email_address(client):
    assert '<label for="id_username">E-mail</label>' in client.get("/sk/mishto/login/").content.decode()
