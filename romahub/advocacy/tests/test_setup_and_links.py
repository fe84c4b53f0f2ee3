"""Setting a partner up, the group's counts, and the ways families find the form."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from romahub.advocacy.models import Partner, Tally
from romahub.advocacy.tests.conftest import received_request
from romahub.advocacy.tests.helpers import make_partner
from romahub.directory.models import Organization, Service

pytestmark = pytest.mark.django_db


def test_create_partner_makes_a_directory_organisation_a_partner_with_its_staff():
    organization = Organization.objects.filter(services__isnull=False).first()
    User = get_user_model()
    User.objects.create_user("org-admin", "org-admin@example.org", "a long test password 42")
    User.objects.create_user("org-staff", "org-staff@example.org", "a long test password 42")
    call_command("create_partner", organization.name, "--area", "derby", "--area", "sheffield", "--language", "RO",
                 "--language", "rom", "--admin", "org-admin", "--staff", "org-staff", stdout=io.StringIO())
    partner = Partner.objects.get(organization=organization)
    assert sorted(a.slug for a in partner.areas.all()) == ["derby", "sheffield"] and partner.languages == ["ro", "rom"]
    assert {(m.user.username, m.is_admin) for m in partner.members.all()} == {("org-admin", True), ("org-staff", False)}
    assert not partner.has_key and not Partner.objects.taking_requests().exists()  # no request until the key is made
    with pytest.raises(CommandError):
        call_command("create_partner", organization.name, "--area", "derby", "--admin", "org-admin", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Unknown council areas: nowhere"):
        call_command("create_partner", "Family Rights Group", "--area", "nowhere", "--admin", "x", stdout=io.StringIO())


def test_the_starter_content_creates_no_partner():
    assert not Partner.objects.exists()


def test_the_group_sees_counts_with_small_numbers_hidden_and_nobody_else_does(two_partners, editorial_clients):
    Partner.objects.filter(pk=two_partners["a"].pk).update(weekly_capacity=20)
    for _ in range(6):
        request, _token = received_request()
        from romahub.advocacy import handling

        handling.close(request, two_partners["a_staff"].advocacy_membership, "advice")
    request, _token = received_request()
    handling.close(request, two_partners["a_staff"].advocacy_membership, "referred")
    assert Tally.objects.get(outcome="advice").number == 6
    url = reverse("advocacy_counts")
    with translation.override("en"):
        page = editorial_clients["moderator"].get(url).content.decode()
    assert "Advice or information given: 6" in page and "Referred to another service: fewer than 5" in page
    for role in ("editor", "translator"):  # the admin turns the refusal into a redirect home, with a message
        refused = editorial_clients[role].get(url)
        assert refused.status_code in (302, 403) and "Advice or information" not in refused.content.decode()
    assert two_partners["clients"]["a"].get(url).status_code in (302, 403)
    assert Client().get(url).status_code == 302


def test_families_find_the_form_from_the_home_page_the_parents_section_the_conference_guide_and_a_partners_service(client):
    for path in ("/ro/", "/sk/parents/", "/en/parents/child-protection-conference/"):
        assert f"/{path.split('/')[1]}/get-help/" in client.get(path).content.decode(), path
    service = Service.objects.filter(organization__isnull=False).first()
    page = reverse("directory:service", args=[service.pk])
    assert "/get-help/" not in client.get(page).content.decode()
    partner, _key = make_partner("Placeholder", areas=["Derby"])
    partner.organization = service.organization
    partner.save()
    assert "/get-help/" in client.get(page).content.decode()
    partner.accepting = False
    partner.save()
    assert "/get-help/" not in client.get(page).content.decode()


def test_a_moderator_is_not_given_requests(editorial_clients):
    assert not Group.objects.get(name="Moderators").permissions.filter(content_type__app_label="advocacy").exists()
