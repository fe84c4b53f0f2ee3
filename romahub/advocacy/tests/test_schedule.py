"""Reminders, passing on and deletion, on a clock the tests set."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from romahub.advocacy import handling
from romahub.advocacy.models import HelpRequest, RequestEvent, Tally
from romahub.advocacy.tests.conftest import received_request
from romahub.advocacy.tests.helpers import open_sealed

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
# Thursday 3 December 2026, 10:00: two working days later is Monday 7th; five is Thursday 10th.
THURSDAY = datetime(2026, 12, 3, 10, 0, tzinfo=LONDON)


def test_working_days_skip_weekends_and_bank_holidays():
    assert handling.working_days_since(THURSDAY, THURSDAY.date() + timedelta(days=4)) == 2  # Fri, Mon
    christmas_eve = datetime(2026, 12, 24, 10, tzinfo=LONDON)
    assert handling.working_days_since(christmas_eve, datetime(2026, 12, 29).date()) == 1  # 25th, 28th are holidays


def _at(moment, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_reminder_after_two_working_days_unopened_once(two_partners, monkeypatch):
    _at(THURSDAY, monkeypatch)
    help_request, _token = received_request()
    mail.outbox.clear()
    assert handling.daily(THURSDAY + timedelta(days=1)) == {"reminded": 0, "passed_on": 0}  # Friday: one working day
    assert handling.daily(THURSDAY + timedelta(days=4)) == {"reminded": 1, "passed_on": 0}  # Monday
    assert handling.daily(THURSDAY + timedelta(days=5)) == {"reminded": 0, "passed_on": 0}
    assert len(mail.outbox) == 1 and "07700" not in mail.outbox[0].body
    assert RequestEvent.objects.filter(action=RequestEvent.REMINDED).count() == 1


def test_after_five_working_days_unopened_the_copy_for_the_next_partner_moves_where_the_family_agreed(two_partners, monkeypatch):
    _at(THURSDAY, monkeypatch)
    help_request, _token = received_request()
    assert help_request.next_partner == two_partners["b"]
    handling.daily(THURSDAY + timedelta(days=6))  # Wednesday: four working days
    help_request.refresh_from_db()
    assert help_request.partner == two_partners["a"]
    handling.daily(THURSDAY + timedelta(days=7))  # Thursday: five
    help_request.refresh_from_db()
    assert help_request.partner == two_partners["b"] and help_request.passed_on == 1 and help_request.sealed_for_next is None
    assert open_sealed(two_partners["b_key"], help_request.sealed, help_request.context)["details"] == "Sentinel-Ion-5K8"


def test_without_the_familys_agreement_a_request_stays_with_its_partner(two_partners, monkeypatch):
    _at(THURSDAY, monkeypatch)
    help_request, _token = received_request(may_pass_on="")
    handling.daily(THURSDAY + timedelta(days=14))
    help_request.refresh_from_db()
    assert help_request.partner == two_partners["a"] and help_request.passed_on == 0


def test_closed_requests_go_after_30_days_and_unopened_after_90_with_their_log(two_partners, monkeypatch, settings):
    _at(THURSDAY, monkeypatch)
    closed, _ = received_request()
    unopened, _ = received_request(may_pass_on="")
    handling.close(closed, two_partners["a_staff"].advocacy_membership, "advice")
    assert RequestEvent.objects.filter(request=closed).exists()
    _at(THURSDAY + timedelta(days=30), monkeypatch)
    call_command("purge_help_requests", stdout=open("/dev/null", "w"))
    assert HelpRequest.objects.count() == 2
    _at(THURSDAY + timedelta(days=31), monkeypatch)
    call_command("purge_help_requests", stdout=open("/dev/null", "w"))
    assert list(HelpRequest.objects.all()) == [unopened]
    assert not RequestEvent.objects.filter(request_id=closed.pk).exists()
    _at(THURSDAY + timedelta(days=91), monkeypatch)
    call_command("purge_help_requests", stdout=open("/dev/null", "w"))
    assert not HelpRequest.objects.exists()
    # The counts outlive the requests.
    assert sorted(Tally.objects.values_list("outcome", "number")) == [("advice", 1), ("never_opened", 1)]


def test_counts_hide_small_numbers():
    from django.utils import translation

    from romahub.advocacy.statistics import shown

    with translation.override("en"):
        assert [shown(n) for n in (0, 1, 4, 5, 12)] == ["0", "fewer than 5", "fewer than 5", "5", "12"]
    with translation.override("sk"):
        assert shown(3) == "menej ako 5"
