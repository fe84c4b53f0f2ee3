"""A council can start: ask to join through a public form, and reset a forgotten password."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from romahub.mishto.models import JoinRequest, Membership
from romahub.mishto.permissions import REVIEWERS
from romahub.places.models import LocalAuthority

GOOD = {"authority": "derby", "name": "Ana Pop", "role": "Service manager", "email": "ana.pop@derby.gov.uk",
        "message": "We would like to sign."}


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("reviewer", "reviewer@example.org", "a long pass phrase 1")
    user.groups.add(Group.objects.get(name=REVIEWERS))
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_a_council_officer_asks_to_join_and_the_reviewers_are_told(client, reviewer, language, django_capture_on_commit_callbacks):
    page = client.get(f"/{language}/mishto/join/")
    assert page.status_code == 200 and page["Cache-Control"].startswith("no-store")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/{language}/mishto/join/", GOOD)
    assert response.status_code == 302 and response["Location"] == f"/{language}/mishto/join/sent/"
    asked = JoinRequest.objects.get()
    assert (asked.authority.slug, asked.email, asked.language) == ("derby", "ana.pop@derby.gov.uk", language)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["reviewer@example.org"]
    # The e-mail names the council, never the person: their details stay in the admin.
    assert "Derby" in mail.outbox[0].subject and "ana.pop" not in mail.outbox[0].body and "Ana Pop" not in mail.outbox[0].body


@pytest.mark.django_db
@pytest.mark.parametrize("language,message", [("en", "Enter your work e-mail."), ("sk", "pracovný e-mail"), ("ro", "e-mailul de serviciu")])
def test_bad_input_is_explained_in_the_readers_language(client, language, message):
    response = client.post(f"/{language}/mishto/join/", {**GOOD, "email": "", "authority": "nowhere"})
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert JoinRequest.objects.count() == 0


@pytest.mark.django_db
def test_a_robot_filling_the_hidden_field_is_thanked_and_dropped(client):
    response = client.post("/en/mishto/join/", {**GOOD, "homepage": "http://spam.example"})
    assert response.status_code == 302 and JoinRequest.objects.count() == 0


@pytest.mark.django_db
def test_asking_to_join_is_rate_limited_per_address(client, settings):
    settings.MISHTO_JOIN_RATE_LIMIT = 2
    statuses = [client.post("/en/mishto/join/", GOOD).status_code for _ in range(4)]
    assert statuses == [302, 302, 429, 429] and JoinRequest.objects.count() == 2


@pytest.mark.django_db
def test_requests_to_join_are_deleted_after_the_retention_period(settings):
    derby = LocalAuthority.objects.get(slug="derby")
    old = JoinRequest.objects.create(authority=derby, name="A", role="B", email="a@derby.gov.uk")
    JoinRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=settings.MISHTO_JOIN_RETENTION_DAYS + 1))
    recent = JoinRequest.objects.create(authority=derby, name="C", role="D", email="c@derby.gov.uk")
    call_command("mishto_daily")
    assert list(JoinRequest.objects.values_list("pk", flat=True)) == [recent.pk]


@pytest.mark.django_db
def test_the_login_page_and_the_register_lead_to_the_join_form_and_the_reset(client):
    login = client.get("/sk/mishto/login/").content.decode()
    assert 'href="/sk/mishto/join/"' in login and 'href="/sk/mishto/password-reset/"' in login
    assert 'href="/ro/mishto/join/"' in client.get("/ro/mishto/").content.decode()


@pytest.fixture
def council_user(django_user_model):
    user = django_user_model.objects.create_user("lead", "lead@derby.gov.uk", "an old pass phrase 1")
    Membership.objects.create(user=user, authority=LocalAuthority.objects.get(slug="derby"), is_lead=True)
    return user


@pytest.mark.django_db
def test_password_reset_answers_the_same_whether_or_not_the_account_exists(client, council_user):
    known = client.post("/en/mishto/password-reset/", {"email": "lead@derby.gov.uk"})
    unknown = client.post("/en/mishto/password-reset/", {"email": "nobody@derby.gov.uk"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/en/mishto/password-reset/sent/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lead@derby.gov.uk"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ro"])
def test_the_reset_link_sets_a_new_password_once(client, council_user, language):
    client.post(f"/{language}/mishto/password-reset/", {"email": "lead@derby.gov.uk"})
    link = re.search(r"https?://[^/\s]+(/\S+/password-reset/\S+/)", mail.outbox[0].body).group(1)
    assert link.startswith(f"/{language}/mishto/password-reset/")
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    new = "a brand new pass phrase 7"
    done = client.post(form.redirect_chain[-1][0] if form.redirect_chain else link,
                       {"new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done["Location"] == f"/{language}/mishto/password-reset/done/"
    council_user.refresh_from_db()
    assert council_user.check_password(new)
    again = client.get(link, follow=True).content.decode()
    assert "new_password1" not in again


@pytest.mark.django_db
def test_password_reset_is_rate_limited_and_still_says_the_same(client, council_user, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = 1
    for _ in range(3):
        assert client.post("/en/mishto/password-reset/", {"email": "lead@derby.gov.uk"})["Location"] == "/en/mishto/password-reset/sent/"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_the_councils_guide_gives_the_route_in(client, language):
    body = client.get(f"/{language}/councils/mishto-pledges/").content.decode()
    assert f'href="/{language}/mishto/join/"' in body
