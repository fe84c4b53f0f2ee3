"""The OpenAPI documents the APIs serve are valid OpenAPI (openapi-spec-validator), read offline."""

import json

import pytest
from openapi_spec_validator import validate

from romahub.directory.openapi import PROFILE_DOCUMENT
from romahub.directory.tests.helpers import REMOTE

SCHEMAS = PROFILE_DOCUMENT.parent


def offline(node):
    """The profile's schemas cite GitHub; point each citation at the copy kept here."""
    if isinstance(node, dict):
        return {key: (SCHEMAS / value.removeprefix(REMOTE)).as_uri() if key == "$ref" and isinstance(value, str) and value.startswith(REMOTE)
                else offline(value) for key, value in node.items()}
    if isinstance(node, list):
        return [offline(item) for item in node]
    return node


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/api/oruk/openapi.json", "/api/mishto/openapi.json"])
def test_the_served_documents_are_valid_openapi(client, address):
    document = json.loads(client.get(address).content)
    validate(offline(document))


def test_the_profiles_own_document_is_not_valid_and_the_served_one_mends_it():
    """Why the served document is not the profile's file: it fails on `type: time` and 3.1's dialect."""
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    profile = json.loads(PROFILE_DOCUMENT.read_text())
    assert "jsonSchemaDialect" in profile
    with pytest.raises(OpenAPIValidationError):
        validate(offline(profile))


@pytest.mark.django_db
def test_the_served_document_documents_bounds_and_errors(client):
    document = json.loads(client.get("/api/oruk/openapi.json").content)
    parameters = document["components"]["parameters"]
    assert parameters["page"]["schema"]["minimum"] == 1 and parameters["per_page"]["schema"]["maximum"] == 200
    assert "404" in document["paths"]["/services/{id}"]["get"]["responses"]
    assert "400" in document["paths"]["/services"]["get"]["responses"]
    assert client.get("/api/oruk/services", {"page": "0"}).status_code == 400
    assert client.get("/api/oruk/services", {"per_page": "201"}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_other_methods_are_a_405_with_allow(client, method):
    response = getattr(client, method)("/api/oruk/services")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.django_db
def test_service_at_locations_is_populated_from_the_located_services(client):
    from romahub.directory.tests.helpers import validate as validate_record

    page = json.loads(client.get("/api/oruk/service_at_locations", {"per_page": "200"}).content)
    located = [item for item in page["contents"] if item["location"].get("latitude") is not None]
    assert len(located) >= 30
    for item in page["contents"]:
        validate_record(item, "compiled/service_at_location_list")
