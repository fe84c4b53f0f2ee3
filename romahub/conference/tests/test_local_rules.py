"""A council's own conference timescales: owned by the conference companion, over England's rules."""

from dataclasses import fields
from datetime import date

import pytest

from romahub.conference.models import LocalRules, rules_for
from romahub.conference.timeline import ENGLAND, Rules
from romahub.places.models import LocalAuthority


def test_every_rule_has_one_override_field_and_nothing_else():
    overrides = {f.name for f in LocalRules._meta.get_fields()} - {"authority", "source", "source_read_on"}
    assert overrides == {rule.name for rule in fields(Rules)}


@pytest.mark.django_db
def test_an_authority_without_overrides_uses_england_rules():
    assert rules_for(LocalAuthority.objects.get(slug="kent")) == ENGLAND
    assert rules_for(None) == ENGLAND


@pytest.mark.django_db
def test_local_overrides_change_only_what_is_set(client):
    leeds = LocalAuthority.objects.get(slug="leeds")
    LocalRules.objects.create(authority=leeds, reports_before_initial_working_days=5)
    rules = rules_for(leeds)
    assert rules.reports_before_initial_working_days == 5
    assert rules.first_core_group_working_days == ENGLAND.first_core_group_working_days
    body = client.get("/en/conference/timeline/", {"icpc": "2026-11-23", "la": "leeds"}).content.decode()
    assert f'datetime="{date(2026, 11, 16).isoformat()}"' in body  # 5 working days before
    assert "at least 5 working days before the conference" in body


@pytest.mark.django_db
def test_a_rule_of_nought_is_refused_and_never_plans_for_ever(client):
    from django.core.exceptions import ValidationError

    leeds = LocalAuthority.objects.get(slug="leeds")
    local = LocalRules(authority=leeds, core_group_interval_weeks=0)
    with pytest.raises(ValidationError):
        local.full_clean()
    local.save()  # past the form, as a bulk write could
    assert rules_for(leeds).core_group_interval_weeks == ENGLAND.core_group_interval_weeks
    assert client.get("/en/conference/timeline/", {"icpc": "2026-11-23", "la": "leeds"}).status_code == 200


def test_every_starter_councils_timescales_name_their_document_and_when_it_was_read():
    import json

    from romahub.conference.loader import DATA

    for record in json.loads(DATA.read_text(encoding="utf-8"))["local_rules"]:
        assert record["source"].strip(), record["authority"]
        assert date.fromisoformat(record["source_read_on"]) <= date.today(), record["authority"]


@pytest.mark.django_db
def test_the_planner_says_where_and_when_the_hub_read_a_councils_timescales(client):
    body = client.get("/ro/conference/timeline/", {"icpc": "2027-01-14", "la": "hackney"}).content.decode()
    assert LocalRules.objects.get(authority__slug="hackney").source_read_on.isoformat() == "2026-11-23"
    line = body.split('<span lang="en">London Borough of Hackney', 1)[1].split("</p>", 1)[0]
    assert "Child Protection Conferences: Guide for Parents and Carers" in line and "noiembrie 2026" in line
