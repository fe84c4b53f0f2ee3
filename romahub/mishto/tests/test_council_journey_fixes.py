"""What a council and the scheme's reviewers hit on the way in, fixed: the queue after an invitation,
the join requests on it, the next pledge, the embed code's copy button, and the reviewer role."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from romahub.mishto import workflow
from romahub.mishto.models import JoinRequest
from romahub.mishto.tests.test_workflow import PASSWORD, council_user
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("reviewer", password=PASSWORD)
    user.groups.add(Group.objects.get(name=workflow.REVIEWERS))
    return user


def test_the_queue_shows_an_invited_council_instead_of_saying_none_has_signed(client, reviewer, django_user_model):
    client.force_login(reviewer)
    assert "No council has signed yet" in client.get("/admin/mishto/reviews/").content.decode()
    workflow.invite(reviewer, LocalAuthority.objects.get(slug="leicester"), "lead@leicester.example")
    JoinRequest.objects.create(authority=LocalAuthority.objects.get(slug="sheffield"), name="A", role="B", email="a@sheffield.example")
    body = client.get("/admin/mishto/reviews/").content.decode()
    assert "No council has signed yet" not in body
    assert "Invited, not signed yet" in body and "Leicester" in body
    assert "1 council asks to join" in body and "/admin/snippets/mishto/joinrequest/" in body


def test_reviewers_read_requests_to_join_and_others_cannot(client, reviewer, django_user_model):
    JoinRequest.objects.create(authority=LocalAuthority.objects.get(slug="sheffield"), name="Ana", role="B", email="a@sheffield.example")
    client.force_login(reviewer)
    assert "a@sheffield.example" in client.get("/admin/snippets/mishto/joinrequest/").content.decode()
    editor = django_user_model.objects.create_user("editor", password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/admin/snippets/mishto/joinrequest/").status_code in (302, 403)


def test_each_pledge_leads_to_the_next_and_the_last_back_to_the_overview(client, django_user_model):
    derby = LocalAuthority.objects.get(slug="derby")
    lead = council_user(django_user_model, derby)
    workflow.sign(derby, lead, signatory_name="A", signatory_role="B", statement="C")
    client.force_login(lead)
    first = client.get("/en/mishto/council/assessment/pledge-1/").content.decode()
    assert 'href="/en/mishto/council/assessment/pledge-2/"' in first
    last = client.get("/sk/mishto/council/assessment/pledge-6/").content.decode()
    assert 'href="/sk/mishto/council/assessment/pledge-7/"' not in last and 'href="/sk/mishto/council/assessment/"' in last


def test_create_editor_makes_a_mishto_reviewer(monkeypatch, django_user_model):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "a long pass phrase for review 1")
    call_command("create_editor", username="rev", email="rev@example.org", role="reviewer")
    user = django_user_model.objects.get(username="rev")
    assert user.groups.filter(name=workflow.REVIEWERS).exists() and not user.is_superuser
