"""E-mails go out through the task queue, each in its recipient's language, at the right moments."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext, override

from romahub.mishto import assessment, notifications, workflow
from romahub.mishto.models import Membership, Participation
from romahub.mishto.tests.test_workflow import PASSWORD, council_user
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(django_user_model):
    derby = LocalAuthority.objects.get(slug="derby")
    lead = council_user(django_user_model, derby)
    Membership.objects.filter(user=lead).update(language="ro")
    member = council_user(django_user_model, derby, lead=False, name="member")  # English
    reviewer = django_user_model.objects.create_user("reviewer", email="reviewer@rrf.example", password=PASSWORD)
    reviewer.groups.add(Group.objects.get(name=workflow.REVIEWERS))
    lead.email, member.email = "lead@derby.gov.uk", "member@derby.gov.uk"
    lead.save()
    member.save()
    participation = workflow.sign(derby, lead, signatory_name="A", signatory_role="B", statement="C")
    return participation, lead, reviewer


def subjects_by_recipient():
    return {tuple(message.to): message.subject for message in mail.outbox}


def test_submitting_tells_the_reviewers(setup):
    participation, lead, _reviewer = setup
    assessment.submit(assessment.open_for(participation, lead), lead)
    assert [m.to for m in mail.outbox] == [["reviewer@rrf.example"]]
    assert "Derby" in mail.outbox[0].subject and f"/admin/mishto/reviews/{participation.pk}/" in mail.outbox[0].body


def test_changes_and_award_reach_each_council_user_in_their_language(setup):
    participation, lead, reviewer = setup
    item = assessment.submit(assessment.open_for(participation, lead), lead)
    mail.outbox.clear()
    pledge = participation.version.pledges.first()
    item = assessment.decide(item, reviewer, pledge.pk, "changes", "Add a date.")
    item = assessment.return_to_council(item, reviewer)
    sent = subjects_by_recipient()
    with override("ro"):
        romanian = gettext("Mishto: the reviewers have asked for changes")
    assert sent[("lead@derby.gov.uk",)] == romanian != "Mishto: the reviewers have asked for changes"
    assert sent[("member@derby.gov.uk",)] == "Mishto: the reviewers have asked for changes"
    assert "Add a date." not in "".join(m.body for m in mail.outbox)  # comments stay on the site
    mail.outbox.clear()
    item = assessment.submit(item, lead)
    mail.outbox.clear()
    for review in item.reviews.all():
        item = assessment.decide(item, reviewer, review.pledge_id, "accepted")
    assessment.award(item, reviewer)
    assert {tuple(m.to) for m in mail.outbox} == {("lead@derby.gov.uk",), ("member@derby.gov.uk",)}
    assert all("/mishto/derby/" in m.body for m in mail.outbox)


def test_daily_job_sends_reminders_and_expiry_notices(setup):
    participation, _lead, _reviewer = setup
    today = timezone.localdate()
    Participation.objects.filter(pk=participation.pk).update(status="awarded", awarded_on=workflow.add_years(today + timedelta(days=30), -2))
    call_command("mishto_daily", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2 and all("Derby" in m.body for m in mail.outbox)
    mail.outbox.clear()
    Participation.objects.filter(pk=participation.pk).update(awarded_on=workflow.add_years(today - timedelta(days=1), -2) - timedelta(days=0))
    participation.refresh_from_db()
    assert workflow.expires_on(participation) == today - timedelta(days=1)
    call_command("mishto_daily", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2
    with override("en"):
        assert any(m.subject == gettext("Mishto: your Quality Mark has expired") for m in mail.outbox)


def test_messages_go_through_the_task_queue(setup, monkeypatch):
    participation, _lead, _reviewer = setup
    queued = []

    class Queue:
        def enqueue(self, *args):
            queued.append(args)

    assert hasattr(notifications.send_message, "enqueue")  # a django-tasks task, not a plain function
    monkeypatch.setattr(notifications, "send_message", Queue())
    notifications.to_council(participation, "awarded", "/mishto/derby/", date="2028-01-01")
    assert sorted((args[2], tuple(args[1])) for args in queued) == [("en", ("member@derby.gov.uk",)), ("ro", ("lead@derby.gov.uk",))]
    assert not mail.outbox
