"""The reviewers' staff area: who may open it, and decisions made through it."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils.translation import gettext, override

from romahub.mishto import assessment, workflow
from romahub.mishto.models import Invitation, Participation, PledgeReview
from romahub.mishto.tests.test_workflow import PASSWORD, council_user
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model):
    derby = LocalAuthority.objects.get(slug="derby")
    lead = council_user(django_user_model, derby)
    reviewer = django_user_model.objects.create_user("reviewer", password=PASSWORD)
    reviewer.groups.add(Group.objects.get(name=workflow.REVIEWERS))
    editor = django_user_model.objects.create_user("editor", password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    admin = django_user_model.objects.create_superuser("admin", password=PASSWORD)
    participation = workflow.sign(derby, lead, signatory_name="A", signatory_role="B", statement="C")
    item = assessment.submit(assessment.open_for(participation, lead), lead)
    return {"lead": lead, "reviewer": reviewer, "editor": editor, "admin": admin, "participation": participation, "assessment": item}


@pytest.mark.parametrize("who,allowed", [("anonymous", False), ("lead", False), ("editor", False), ("reviewer", True), ("admin", True)])
def test_review_pages_by_role(client, people, who, allowed):
    if who != "anonymous":
        client.force_login(people[who])
    for url in ("/admin/mishto/reviews/", f"/admin/mishto/reviews/{people['participation'].pk}/", "/admin/mishto/invite/"):
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 302 and "/admin/" in response["Location"], url
    client.post(f"/admin/mishto/reviews/{people['participation'].pk}/", {"action": "suspended", "reason": "Test"})
    assert Participation.objects.get(pk=people["participation"].pk).status == ("suspended" if allowed else "under_review")


def test_a_reviewer_decides_every_pledge_and_awards(client, people):
    client.force_login(people["reviewer"])
    url = f"/admin/mishto/reviews/{people['participation'].pk}/"
    item = people["assessment"]
    page = client.get(url).content.decode()
    assert "Award the Quality Mark" not in page
    for review in item.reviews.all():
        item.refresh_from_db()
        client.post(url, {"action": "decide", "pledge": review.pledge_id, "decision": "accepted", "revision": item.revision})
    assert not item.reviews.exclude(decision=PledgeReview.ACCEPTED).exists()
    item.refresh_from_db()
    assert "Award the Quality Mark" in client.get(url).content.decode()
    client.post(url, {"action": "award", "revision": item.revision})
    assert Participation.objects.get(pk=people["participation"].pk).status == "awarded"


def test_a_stale_form_is_refused_with_a_message(client, people):
    client.force_login(people["reviewer"])
    url = f"/admin/mishto/reviews/{people['participation'].pk}/"
    item = people["assessment"]
    pledge_id = item.reviews.first().pledge_id
    stale = item.revision
    client.post(url, {"action": "decide", "pledge": pledge_id, "decision": "changes", "comment": "Add dates.", "revision": stale})
    response = client.post(url, {"action": "decide", "pledge": pledge_id, "decision": "accepted", "revision": stale}, follow=True)
    assert "Another reviewer changed this" in response.content.decode()
    assert item.reviews.get(pledge_id=pledge_id).decision == PledgeReview.CHANGES


def test_a_reviewer_invites_a_lead_for_any_council(client, people):
    client.force_login(people["reviewer"])
    sheffield = LocalAuthority.objects.get(slug="sheffield")
    response = client.post("/admin/mishto/invite/", {
        "authority": sheffield.pk, "email": "lead@sheffield.gov.uk", "is_lead": "on", "language": "sk",
    })
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="lead@sheffield.gov.uk")
    assert invitation.is_lead and invitation.authority == sheffield
    assert len(mail.outbox) == 1 and "/sk/mishto/invitation/?token=" in mail.outbox[0].body
    with override("sk"):
        assert mail.outbox[0].subject == gettext("Your invitation to the Mishto Campaign on the Roma Child Protection Hub")
    assert invitation.language == "sk"
    bad = client.post("/admin/mishto/invite/", {"authority": sheffield.pk, "email": "not an email"})
    assert bad.status_code == 200 and Invitation.objects.count() == 1
