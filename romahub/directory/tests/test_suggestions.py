"""Readers' suggestions: the public forms (errors in the reader's language, honeypot, rate limit,
nothing lost), and moderation (accept creates or updates with a revision; reject changes nothing;
a decided suggestion cannot be decided again; decided ones are purged on schedule)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import ModelLogEntry

from romahub.directory import suggestions
from romahub.directory.models import Location, Phone, Service, Suggestion, TaxonomyTerm
from romahub.directory.tests.helpers import make_service

pytestmark = pytest.mark.django_db

NEW = {
    "name": "Sheffield Roma advocacy group", "organisation": "Sheffield Roma Network", "description": "Goes with parents to meetings.",
    "help": ["advocacy"], "languages_spoken": "Romanian, Slovak, Romani", "town": "Sheffield", "postcode": "s1 2aa",
    "phone": "0114 496 0000", "website": "https://example.org/roma", "cost": "free", "source": "Its leaflet",
}
AT_LEAST_ONE_WAY = "Give at least one way to reach the service: a phone number, an e-mail, a website or an address."


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", password="a long pass phrase 1")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def service(db):
    return make_service("Derby Roma advocacy", terms=["advocacy"], latitude=52.922, longitude=-1.476, postcode="DE1 3AA", city="Derby")


def send(client, path, data, address="203.0.113.7"):
    return client.post(path, data, REMOTE_ADDR=address)


# --- the public forms ---------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_suggest_form_is_offered_in_each_language(client, language):
    response = client.get(f"/{language}/services/suggest/")
    body = response.content.decode()
    assert response.status_code == 200 and f'lang="{language}"' in body
    assert 'name="homepage"' in body and 'name="csrfmiddlewaretoken"' in body
    assert f'href="/{language}/services/suggest/"' in client.get(f"/{language}/services/").content.decode()


def test_a_suggestion_waits_for_a_moderator_and_changes_nothing_public(client):
    services_before = Service.objects.count()
    response = send(client, "/sk/services/suggest/", NEW)
    assert response.status_code == 302 and response["Location"] == "/sk/services/suggest/sent/"
    suggestion = Suggestion.objects.get()
    assert (suggestion.kind, suggestion.status, suggestion.language) == ("new", "pending", "sk")
    assert suggestion.postcode == "S1 2AA"
    assert [term.slug for term in suggestion.help.all()] == ["advocacy"]
    assert Service.objects.count() == services_before
    assert "Sheffield Roma advocacy group" not in client.get("/en/services/", {"q": "Sheffield"}).content.decode()
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_errors_are_in_the_readers_language_and_nothing_typed_is_lost(client, language):
    data = {**NEW, "phone": "", "website": "", "postcode": "", "town": "", "email": ""}
    response = send(client, f"/{language}/services/suggest/", data)
    body = response.content.decode()
    with override(language):
        expected = _(AT_LEAST_ONE_WAY)
    assert response.status_code == 200 and expected in body
    if language != "en":
        assert expected != AT_LEAST_ONE_WAY, "the error must be translated"
    assert 'value="Sheffield Roma advocacy group"' in body and "Goes with parents to meetings." in body
    assert 'class="error-summary"' in body and not Suggestion.objects.exists()


@pytest.mark.parametrize("field,value", [("postcode", "not a postcode"), ("phone", "call me"), ("email", "nobody@"), ("website", "example")])
def test_bad_contact_details_are_refused_with_the_field_marked(client, field, value):
    body = send(client, "/en/services/suggest/", {**NEW, field: value}).content.decode()
    assert 'aria-invalid="true"' in body and f'id="id_{field}-error"' in body
    assert not Suggestion.objects.exists()


def test_the_honeypot_is_thanked_and_dropped(client):
    response = send(client, "/en/services/suggest/", {**NEW, "homepage": "http://spam.example"})
    assert response.status_code == 302 and response["Location"].endswith("/sent/")
    assert not Suggestion.objects.exists()


@override_settings(SUGGESTION_RATE_LIMIT=2)
def test_each_address_is_limited_and_the_message_is_kept(client):
    for _attempt in range(2):
        assert send(client, "/ro/services/suggest/", NEW).status_code == 302
    refused = send(client, "/ro/services/suggest/", {**NEW, "name": "A third group"})
    body = refused.content.decode()
    assert refused.status_code == 429 and 'value="A third group"' in body
    with override("ro"):
        assert _("You have sent several messages in a short time. Please wait an hour, then send this again.") in body
    assert Suggestion.objects.count() == 2
    assert send(client, "/ro/services/suggest/", NEW, address="198.51.100.9").status_code == 302


@override_settings(SUGGESTION_RATE_LIMIT=1, TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_limit_follows_the_forwarded_address(client):
    assert client.post("/en/services/suggest/", NEW, HTTP_X_FORWARDED_FOR="203.0.113.1", REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post("/en/services/suggest/", NEW, HTTP_X_FORWARDED_FOR="203.0.113.2", REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post("/en/services/suggest/", NEW, HTTP_X_FORWARDED_FOR="203.0.113.2", REMOTE_ADDR="10.0.0.1").status_code == 429


def test_report_a_change_is_linked_from_the_service_and_lands_in_the_queue(client, service):
    page = client.get(f"/ro/services/{service.pk}/").content.decode()
    assert f'href="/ro/services/{service.pk}/report/"' in page
    assert client.get(f"/ro/services/{service.pk}/report/").status_code == 200
    response = send(client, f"/ro/services/{service.pk}/report/", {"details": "New number since May.", "phone": "01332 496000"})
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert (suggestion.kind, suggestion.service, suggestion.phone) == ("change", service, "01332 496000")
    assert Phone.objects.get(service=service).number == "0808 801 0366"  # unchanged until accepted


def test_report_a_change_needs_the_details_and_a_live_service(client, service):
    assert send(client, f"/en/services/{service.pk}/report/", {"details": ""}).status_code == 200
    assert not Suggestion.objects.exists()
    service.status = "defunct"
    service.save()
    assert client.get(f"/en/services/{service.pk}/report/").status_code == 404


# --- moderation ---------------------------------------------------------------------------

def sent_suggestion(client, path="/en/services/suggest/", data=None) -> Suggestion:
    send(client, path, data or NEW)
    return Suggestion.objects.latest("created_at")


def test_accepting_a_new_service_creates_it_with_a_revision(client, moderator):
    suggestion = sent_suggestion(client)
    data = suggestions.initial_review_data(suggestion)
    assert data["status"] == "inactive" and data["new_organisation"] == "Sheffield Roma Network"
    assert sorted(data["languages"]) == ["ro", "rom", "sk"]
    service = suggestions.accept(suggestion, {**data, "status": "active"}, moderator)
    assert service.name == "Sheffield Roma advocacy group" and service.organization.name == "Sheffield Roma Network"
    assert Phone.objects.get(service=service).number == "0114 496 0000"
    location = Location.objects.get(service_at_locations__service=service)
    assert (location.city, location.postal_code, location.latitude) == ("Sheffield", "S1 2AA", None)
    assert sorted(service.languages.values_list("code", flat=True)) == ["ro", "rom", "sk"]
    assert list(service.terms.values_list("slug", flat=True)) == ["advocacy"]
    assert "Suggested by a reader of the hub on" in service.source
    # The reader's own words on how they know stay on the suggestion, and so are purged with it.
    assert "Its leaflet" not in service.source
    assert not any("Its leaflet" in str(revision.content) for revision in service.revisions.all())
    assert service.revisions.count() == 1 and service.latest_revision.user == moderator
    assert ModelLogEntry.objects.filter(object_id=str(service.pk), action="wagtail.create").exists()
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by, suggestion.service) == ("accepted", moderator, service)
    assert "Sheffield Roma advocacy group" in client.get("/en/services/", {"q": "Sheffield"}).content.decode()


def test_accepting_a_change_updates_the_service_and_keeps_its_history(client, moderator, service):
    service.save_revision(user=moderator)
    suggestion = sent_suggestion(client, f"/en/services/{service.pk}/report/",
                                 {"details": "They moved.", "phone": "01332 496000", "address": "2 New Street", "postcode": "DE1 1AA"})
    data = suggestions.initial_review_data(suggestion)
    assert (data["name"], data["phone"], data["address"], data["town"]) == ("Derby Roma advocacy", "01332 496000", "2 New Street", "Derby")
    suggestions.accept(suggestion, data, moderator)
    service.refresh_from_db()
    assert Phone.objects.get(service=service).number == "01332 496000"
    location = Location.objects.get(service_at_locations__service=service)
    assert (location.address_1, location.postal_code, location.latitude) == ("2 New Street", "DE1 1AA", None)
    assert service.revisions.count() == 2
    first, latest = service.revisions.order_by("created_at")
    assert first.content["name"] == latest.content["name"] == "Derby Roma advocacy"


def test_a_reported_closure_proposes_defunct(client, service):
    suggestion = sent_suggestion(client, f"/en/services/{service.pk}/report/", {"details": "Closed in June.", "closed": "on"})
    assert suggestions.initial_review_data(suggestion)["status"] == "defunct"


def test_rejecting_changes_nothing_and_a_decision_is_final(client, moderator, service):
    suggestion = sent_suggestion(client, f"/en/services/{service.pk}/report/", {"details": "Wrong.", "phone": "01332 496000"})
    suggestions.reject(suggestion, moderator, "Checked their website: unchanged.")
    assert Phone.objects.get(service=service).number == "0808 801 0366"
    assert service.revisions.count() == 0
    with pytest.raises(suggestions.AlreadyDecided):
        suggestions.accept(suggestion, suggestions.initial_review_data(suggestion), moderator)
    with pytest.raises(suggestions.AlreadyDecided):
        suggestions.reject(suggestion, moderator)


def test_suggestions_are_purged_after_the_retention_period_decided_or_not(client, moderator):
    old, recent, waiting, forgotten = (
        sent_suggestion(client, data={**NEW, "name": name}) for name in ("Old", "Recent", "Waiting", "Forgotten")
    )
    suggestions.reject(old, moderator)
    suggestions.reject(recent, moderator)
    days = settings.SUGGESTION_RETENTION_DAYS
    Suggestion.objects.filter(pk=old.pk).update(decided_at=timezone.now() - timedelta(days=days + 1))
    Suggestion.objects.filter(pk__in=[old.pk, recent.pk, forgotten.pk]).update(created_at=timezone.now() - timedelta(days=days + 1))
    Suggestion.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - timedelta(days=days - 1))
    assert suggestions.purge_expired() == 2
    assert set(Suggestion.objects.values_list("name", flat=True)) == {"Recent", "Waiting"}
    assert suggestions.purge_expired(now=timezone.now() + timedelta(days=2)) == 1  # pending, sent over the period ago
    assert set(Suggestion.objects.values_list("name", flat=True)) == {"Recent"}


def test_the_daily_command_purges(client, moderator):
    from io import StringIO

    from django.core.management import call_command

    forgotten = sent_suggestion(client)
    Suggestion.objects.filter(pk=forgotten.pk).update(created_at=timezone.now() - timedelta(days=settings.SUGGESTION_RETENTION_DAYS + 1))
    out = StringIO()
    call_command("purge_suggestions", stdout=out)
    assert "Deleted 1 suggestion(s)" in out.getvalue() and not Suggestion.objects.exists()


def test_languages_are_recognised_in_any_of_the_hubs_languages():
    with override("sk"):
        slovak = _("Slovak")
    assert suggestions.languages_in(f"Romanian / {slovak}, and Romani.") == ["ro", "sk", "rom"]
    assert suggestions.languages_in("Klingon") == []


# --- the moderation queue in the admin ----------------------------------------------------

# Accepting publishes the service, so only Moderators review (docs/decisions.md, issue 13).
@pytest.mark.parametrize("role,expected", [(None, "/admin/login/"), ("Translators", "/admin/"), ("Editors", "/admin/"), ("Moderators", 200)])
def test_review_needs_a_moderating_role(client, django_user_model, role, expected):
    """Anonymous readers are sent to log in; a role without the right is sent to the dashboard."""
    suggestion = sent_suggestion(client)
    if role:
        user = django_user_model.objects.create_user("person", password="a long pass phrase 1")
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
    allowed = expected == 200
    for url in ("/admin/snippets/directory/suggestion/", f"/admin/directory/suggestions/{suggestion.pk}/review/"):
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 302 and response["Location"].split("?")[0] == expected, url
    client.post(f"/admin/directory/suggestions/{suggestion.pk}/review/", {"decision": "reject"})
    suggestion.refresh_from_db()
    assert suggestion.status == ("rejected" if allowed else "pending")


def test_moderator_accepts_from_the_queue(client, moderator):
    suggestion = sent_suggestion(client)
    client.force_login(moderator)
    queue = client.get("/admin/snippets/directory/suggestion/").content.decode()
    assert f"/admin/directory/suggestions/{suggestion.pk}/review/" in queue
    page = client.get(f"/admin/directory/suggestions/{suggestion.pk}/review/").content.decode()
    assert "Sheffield Roma advocacy group" in page and "Its leaflet" in page
    advocacy = TaxonomyTerm.objects.get(slug="advocacy")
    response = client.post(f"/admin/directory/suggestions/{suggestion.pk}/review/", {
        "decision": "accept", "name": "Sheffield Roma advocacy group", "new_organisation": "Sheffield Roma Network",
        "description": "Goes with parents to meetings.", "status": "active", "cost": "free", "phone": "0114 496 0000",
        "town": "Sheffield", "postcode": "S1 2AA", "terms": [advocacy.pk], "languages": ["ro"], "source": "Its leaflet",
    })
    service = Service.objects.get(name="Sheffield Roma advocacy group")
    assert response.status_code == 302 and str(service.pk) in response["Location"]
    assert client.post(f"/admin/directory/suggestions/{suggestion.pk}/review/", {"decision": "reject"}).status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted"
    assert "history" in client.get(f"/admin/directory/suggestions/{suggestion.pk}/review/").content.decode()


def test_the_review_form_refuses_bad_values_without_deciding(client, moderator):
    suggestion = sent_suggestion(client)
    client.force_login(moderator)
    response = client.post(f"/admin/directory/suggestions/{suggestion.pk}/review/", {"decision": "accept", "name": ""})
    assert response.status_code == 200
    suggestion.refresh_from_db()
    assert suggestion.is_pending


def test_nothing_sent_by_a_reader_reaches_the_logs(client, caplog):
    sentinel = "SENTINEL-7f3a9"
    with caplog.at_level("DEBUG"):
        send(client, "/en/services/suggest/", {**NEW, "description": sentinel, "source": sentinel})
    assert Suggestion.objects.filter(description=sentinel).exists()
    assert sentinel not in caplog.text


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_an_empty_post_is_checked_and_answered_with_errors(client, service, language):
    for path in (f"/{language}/services/suggest/", f"/{language}/services/{service.pk}/report/"):
        response = client.post(path, {}, REMOTE_ADDR="203.0.113.50")
        body = response.content.decode()
        assert response.status_code == 200 and 'class="error-summary"' in body
        with override(language):
            assert _("There is a problem") in body
    assert not Suggestion.objects.exists()
