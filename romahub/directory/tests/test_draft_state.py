"""A service's English goes live only when a moderator publishes it (issue 13, finding 3).

Through the admin, as each role: an editor's edit is a draft that neither the service page, the
search, the sitemap nor the ORUK API shows; a translator's request changes only the Slovak and
Romanian text, whatever else it carries; a new service saved as a draft is nowhere public.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from romahub.directory.models import Location, Organization, Service
from romahub.directory.tests.helpers import make_service

pytestmark = pytest.mark.django_db
INLINES = {
    "phones": ("number", "description"),
    "languages": ("code", "name", "note"),
    "schedules": ("byday", "opens_at", "closes_at", "description"),
    "service_areas": ("local_authority", "name"),
    "service_at_locations": ("location",),
}
FIELDS = ("name", "name_sk", "name_ro", "description", "description_sk", "description_ro", "url", "email", "messaging_url",
          "status", "cost", "fees", "minimum_age", "maximum_age", "source", "source_url", "last_verified", "verified_by")


def _value(value):
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return value.pk
    return value.isoformat() if hasattr(value, "isoformat") else value


def service_post(service, **changes):
    """What the admin's edit form posts for `service` as it stands, with `changes`."""
    data = {name: _value(getattr(service, name)) for name in FIELDS}
    data["organization"] = service.organization_id
    data["terms"] = [term.pk for term in service.terms.all()]
    if service.translations_reviewed:
        data["translations_reviewed"] = "on"
    for relation, fields in INLINES.items():
        items = list(getattr(service, relation).all())
        data.update({f"{relation}-TOTAL_FORMS": len(items), f"{relation}-INITIAL_FORMS": len(items),
                     f"{relation}-MIN_NUM_FORMS": 0, f"{relation}-MAX_NUM_FORMS": 1000})
        for index, item in enumerate(items):
            data[f"{relation}-{index}-id"] = item.pk
            for field in fields:
                data[f"{relation}-{index}-{field}"] = _value(getattr(item, field))
    data.update(changes)
    return data


def edit_url(service) -> str:
    return f"/admin/snippets/directory/service/edit/{service.pk}/"


def public_views(client, service) -> dict:
    """What a reader and an API client see of `service`, everywhere it can appear."""
    search = client.get("/en/services/", {"q": "Zebrafinch"}).content.decode()
    api_list = client.get("/api/oruk/services", {"search": "Zebrafinch"}).json()
    api_one = client.get(f"/api/oruk/services/{service.pk}")
    page = client.get(f"/en/services/{service.pk}/")
    return {
        "page": page.content.decode() if page.status_code == 200 else None,
        "search": "Zebrafinch advocacy" in search,  # the query itself is echoed in the form
        "api_list": api_list["total_items"],
        "api_one": api_one.json() if api_one.status_code == 200 else None,
        "sitemap": f"/en/services/{service.pk}/" in client.get("/sitemap.xml").content.decode(),
    }


def test_an_editors_english_edit_is_live_only_once_a_moderator_publishes_it(editorial_clients):
    service = make_service("Test advocacy", latitude=52.92, longitude=-1.47, postcode="DE1 1AA")
    response = editorial_clients["editor"].post(edit_url(service), service_post(service, name="Zebrafinch advocacy"))
    assert response.status_code == 302
    # A forged publish from an editor is only a save: Editors do not have the right.
    editorial_clients["editor"].post(edit_url(service), service_post(service, name="Zebrafinch advocacy", **{"action-publish": "1"}))

    service.refresh_from_db()
    assert service.name == "Test advocacy" and service.live and service.has_unpublished_changes
    assert service.get_latest_revision_as_object().name == "Zebrafinch advocacy"
    reader = Client()
    seen = public_views(reader, service)
    assert "Zebrafinch" not in seen["page"] and "Test advocacy" in seen["page"]
    assert not seen["search"] and seen["api_list"] == 0 and seen["api_one"]["name"] == "Test advocacy"

    draft = service.get_latest_revision_as_object()
    published = editorial_clients["moderator"].post(edit_url(service), service_post(draft, **{"action-publish": "1"}))
    assert published.status_code == 302
    service.refresh_from_db()
    assert service.name == "Zebrafinch advocacy" and not service.has_unpublished_changes
    seen = public_views(reader, service)
    assert "Zebrafinch advocacy" in seen["page"] and seen["search"] and seen["api_list"] == 1
    assert seen["api_one"]["name"] == "Zebrafinch advocacy"


def test_an_editor_submits_to_moderation_and_a_moderators_approval_publishes(editorial_clients):
    service = make_service("Test advocacy")
    editorial_clients["editor"].post(edit_url(service), service_post(service, name="Zebrafinch advocacy", **{"action-submit": "1"}))
    service.refresh_from_db()
    assert service.workflow_in_progress and service.name == "Test advocacy"
    # In moderation, the record is locked to its editor.
    editorial_clients["editor"].post(edit_url(service), service_post(service, name="Other name"))
    assert service.get_latest_revision_as_object().name == "Zebrafinch advocacy"

    draft = service.get_latest_revision_as_object()
    editorial_clients["moderator"].post(edit_url(service), service_post(
        draft, **{"action-workflow-action": "1", "workflow-action-name": "approve"}
    ))
    service.refresh_from_db()
    assert service.name == "Zebrafinch advocacy" and not service.workflow_in_progress


def test_a_translator_changes_only_slovak_and_romanian_whatever_the_request_carries(editorial_clients):
    service = make_service("Test advocacy")
    phones = list(service.phones.values_list("number", flat=True))
    form = editorial_clients["translator"].get(edit_url(service))
    assert form.status_code == 200
    body = form.content.decode()
    assert 'name="name_sk"' in body and 'name="name"' not in body and 'name="phones-TOTAL_FORMS"' not in body

    forged = service_post(service, name="Forged English", status="defunct", url="https://forged.example",
                          name_sk="Advokácia pre rodiny", **{"phones-0-number": "0000", "action-publish": "1"})
    assert editorial_clients["translator"].post(edit_url(service), forged).status_code == 302
    service.refresh_from_db()
    # Not published: a translator's change to a service waits for a moderator.
    assert service.name_sk == "" and service.name == "Test advocacy"
    draft = service.get_latest_revision_as_object()
    assert draft.name_sk == "Advokácia pre rodiny"
    assert (draft.name, draft.status, draft.url) == ("Test advocacy", "active", "")
    assert [phone.number for phone in draft.phones.all()] == phones

    editorial_clients["moderator"].post(edit_url(service), service_post(draft, **{"action-publish": "1"}))
    service.refresh_from_db()
    assert (service.name, service.name_sk, service.status, service.url) == ("Test advocacy", "Advokácia pre rodiny", "active", "")
    assert list(service.phones.values_list("number", flat=True)) == phones
    assert "Advokácia pre rodiny" in Client().get(f"/sk/services/{service.pk}/").content.decode()


def test_a_new_service_saved_as_a_draft_is_nowhere_public(editorial_clients):
    organisation = Organization.objects.create(name="Zebrafinch trust", description="Helps.")
    location = Location.objects.create(name="Zebrafinch office", latitude=52.92, longitude=-1.47, address_1="1 Street",
                                       city="Derby", postal_code="DE1 1AA")
    data = service_post(Service(organization=organisation, name="Zebrafinch advocacy", description="Help.", source="Test"))
    data.update({"service_at_locations-TOTAL_FORMS": 1, "service_at_locations-0-id": "", "service_at_locations-0-location": location.pk})
    response = editorial_clients["editor"].post("/admin/snippets/directory/service/add/", data)
    assert response.status_code == 302
    service = Service.objects.get(name="Zebrafinch advocacy")
    assert not service.live

    reader = Client()
    seen = public_views(reader, service)
    assert seen == {"page": None, "search": False, "api_list": 0, "api_one": None, "sitemap": False}
    assert reader.get(f"/en/services/{service.pk}/report/").status_code == 404
    links = reader.get("/api/oruk/service_at_locations", {"search": "Zebrafinch"}).json()
    assert links["total_items"] == 0
    link = service.service_at_locations.get()
    assert reader.get(f"/api/oruk/service_at_locations/{link.pk}").status_code == 404
    exported = io.StringIO()
    call_command("export_oruk", stdout=exported)
    assert "Zebrafinch" not in exported.getvalue()
    assert "Zebrafinch" not in json.dumps(reader.get("/api/oruk/services", {"per_page": 200}).json())

    service.save_revision().publish()
    assert public_views(reader, service)["api_list"] == 1


def test_roles_rights_over_the_directory(editorial_clients):
    service = make_service("Test advocacy")
    # Only moderators change records that have no draft state.
    organisation = service.organization
    for role, allowed in (("editor", False), ("translator", False), ("moderator", True)):
        response = editorial_clients[role].get(f"/admin/snippets/directory/organization/edit/{organisation.pk}/")
        assert (response.status_code == 200) is allowed, role
    assert editorial_clients["editor"].get("/admin/snippets/directory/organization/add/").status_code == 200
    assert editorial_clients["editor"].get(f"/admin/snippets/directory/service/delete/{service.pk}/").status_code != 200
    assert editorial_clients["moderator"].get(f"/admin/snippets/directory/service/delete/{service.pk}/").status_code == 200


def test_a_draft_edited_again_keeps_each_phone_and_location_once(editorial_clients):
    service = make_service("Test advocacy", latitude=52.92, longitude=-1.47, postcode="DE1 1AA")
    for name in ("First draft", "Second draft", "Third draft"):
        draft = service.get_latest_revision_as_object()
        assert editorial_clients["editor"].post(edit_url(service), service_post(draft, name=name)).status_code == 302
        service.refresh_from_db()
    draft = service.get_latest_revision_as_object()
    assert draft.name == "Third draft"
    assert len(draft.phones.all()) == 1 and len(draft.service_at_locations.all()) == 1
