"""The Open Referral UK API: every path, valid against the profile's schemas, never a 5xx."""

import json
from datetime import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from romahub.directory.models import Service, Taxonomy, TaxonomyTerm
from romahub.directory.tests.helpers import STANDARD, make_service, validate, validate_page

pytestmark = pytest.mark.django_db
API = "/api/oruk"


@pytest.fixture
def two_services(db):
    near = make_service("Derby advocacy", terms=["advocacy"], latitude=52.92, longitude=-1.48, postcode="DE1 1AA",
                        city="Derby", authority="derby", opens=(time(9), time(17)), days="MO,WE")
    far = make_service("Rotherham interpreting", terms=["interpreting"], latitude=53.43, longitude=-1.36,
                       postcode="S60 1AA", city="Rotherham", authority="rotherham", cost="paid", language=None)
    return near, far


def get_json(client, path, status=200, **params):
    response = client.get(API + path, params)
    assert response.status_code == status, response.content[:300]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_index_names_version_and_openapi(client):
    body = get_json(client, "/")
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/api/oruk/openapi.json")


def test_openapi_document_is_the_profiles_with_our_server(client):
    body = get_json(client, "/openapi.json")
    standard = json.loads((STANDARD / "schema" / "openapi.json").read_text())
    assert set(body["paths"]) == set(standard["paths"])
    assert body["servers"][0]["url"].endswith("/api/oruk")


def test_every_path_in_the_openapi_document_answers(client, two_services):
    service = two_services[0]
    ids = {
        "/services/{id}": service.id,
        "/taxonomies/{id}": Taxonomy.objects.first().id,
        "/taxonomy_terms/{id}": TaxonomyTerm.objects.first().id,
        "/service_at_locations/{id}": service.service_at_locations.first().id,
    }
    standard = json.loads((STANDARD / "schema" / "openapi.json").read_text())
    for path in standard["paths"]:
        get_json(client, path.replace("{id}", str(ids.get(path, ""))))


def test_services_page_is_valid_and_paginates(client, two_services):
    first = get_json(client, "/services", per_page=1)
    validate_page(first, "compiled/service_list")
    assert first["total_items"] >= 2 and first["size"] == 1 and first["first_page"] and not first["last_page"]
    last = get_json(client, "/services", per_page=1, page=first["total_pages"])
    assert last["last_page"] and not last["first_page"]
    beyond = get_json(client, "/services", per_page=1, page=first["total_pages"] + 1)
    assert beyond["contents"] == [] and beyond["size"] == 0


def test_one_service_is_valid_against_the_compiled_schema(client, two_services):
    body = get_json(client, f"/services/{two_services[0].id}")
    validate(body, "compiled/service")
    assert body["contacts"][0]["phones"][0]["number"] == "0808 801 0366"
    assert body["languages"][0]["code"] == "ro"
    assert body["cost_options"][0]["amount"] == 0
    assert body["service_areas"][0]["name"] == "Derby"
    assert body["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "DE1 1AA"
    assert body["attributes"][0]["taxonomy_term"]["term"] == "advocacy"
    assert body["hub_translations"]["ro"]["name"] == "Derby advocacy (ro)"


def test_every_starter_service_is_valid(client):
    for service in Service.objects.all():
        validate(get_json(client, f"/services/{service.id}"), "compiled/service")


def test_taxonomies_and_terms_are_valid(client):
    page = get_json(client, "/taxonomies")
    assert {t["name"] for t in page["contents"]} >= {"Kind of help", "Who it is for"}
    for item in page["contents"]:
        validate(item, "taxonomy")
        detail = get_json(client, f"/taxonomies/{item['id']}")
        validate(detail, "taxonomy")
        assert detail["taxonomy_terms"]
    terms = get_json(client, "/taxonomy_terms", per_page=200)
    validate_page(terms, "taxonomy_term")
    assert any(t["term"] == "interpreting" and t["hub_translations"]["sk"]["name"] == "Tlmočenie a preklad" for t in terms["contents"])
    validate(get_json(client, f"/taxonomy_terms/{terms['contents'][0]['id']}"), "taxonomy_term")


def test_service_at_locations_are_valid(client, two_services):
    page = get_json(client, "/service_at_locations")
    validate_page(page, "compiled/service_at_location_list")
    detail = get_json(client, f"/service_at_locations/{page['contents'][0]['id']}")
    validate(detail, "compiled/service_at_location")


def names(page):
    return [item.get("name") or item["service"]["name"] for item in page["contents"]]


def test_filters(client, two_services):
    near, far = two_services
    advocacy = TaxonomyTerm.objects.get(slug="advocacy")
    assert near.name in names(get_json(client, "/services", search="derby"))
    assert far.name not in names(get_json(client, "/services", search="derby"))
    by_term = names(get_json(client, "/services", taxonomy_term_id=str(advocacy.id), per_page=200))
    assert near.name in by_term and far.name not in by_term
    by_taxonomy = names(get_json(client, "/services", taxonomy_id=str(advocacy.taxonomy_id), per_page=200))
    assert near.name in by_taxonomy and far.name in by_taxonomy
    assert names(get_json(client, "/services", day="WE")) == [near.name]
    assert names(get_json(client, "/services", day="wednesday")) == [near.name]
    assert names(get_json(client, "/services", day="SU")) == []
    assert names(get_json(client, "/services", start_time="09:00", end_time="17:00")) == [near.name]
    assert names(get_json(client, "/services", start_time="10:00")) == []


def test_age_filters(client, two_services):
    near, far = two_services
    Service.objects.filter(pk=near.pk).update(minimum_age=12, maximum_age=18)
    assert near.name in names(get_json(client, "/services", minimum_age=10))
    assert near.name not in names(get_json(client, "/services", minimum_age=13))
    assert near.name in names(get_json(client, "/services", maximum_age=18))
    assert near.name not in names(get_json(client, "/services", maximum_age=17))


def test_postcode_and_proximity_sort_and_limit_by_distance(client, two_services):
    near, far = two_services
    ours = {near.name, far.name}  # the starter services are located too

    def our_names(page):
        return [name for name in names(page) if name in ours]

    page = get_json(client, "/service_at_locations", postcode="de11aa", per_page="200")
    assert our_names(page) == [near.name, far.name]
    within_20km = get_json(client, "/service_at_locations", postcode="DE1 1AA", proximity="20000", per_page="200")
    assert our_names(within_20km) == [near.name]
    from_rotherham = get_json(client, "/service_at_locations", postcode="S60", per_page="200")
    assert our_names(from_rotherham)[0] == far.name


@pytest.mark.parametrize("params", [
    {"page": "0"}, {"page": "x"}, {"per_page": "1000"}, {"per_page": "-1"}, {"taxonomy_term_id": "nope"},
    {"minimum_age": "old"}, {"day": "someday"}, {"start_time": "25:99"},
])
def test_bad_parameters_get_a_400_naming_the_parameter(client, params):
    body = get_json(client, "/services", status=400, **params)
    assert body["parameter"] in params


def test_a_distance_without_a_postcode_limits_nothing(client):
    everything = get_json(client, "/service_at_locations")["total_items"]
    assert get_json(client, "/service_at_locations", proximity="1000")["total_items"] == everything


def test_unknown_postcode_is_a_404_not_a_guess(client):
    assert get_json(client, "/service_at_locations", status=404, postcode="ZZ99 9ZZ")["parameter"] == "postcode"


@pytest.mark.parametrize("path", ["/services/", "/taxonomies/", "/taxonomy_terms/", "/service_at_locations/"])
def test_unknown_or_malformed_ids_are_json_404s(client, path):
    for pk in ("00000000-0000-0000-0000-000000000000", "not-an-id"):
        assert "error" in get_json(client, path + pk, status=404)


def test_cors_preflight_and_no_writes(client):
    preflight = client.options(API + "/services")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"
    assert client.post(API + "/services", {}).status_code == 405


QUERY_VALUES = st.one_of(st.text(max_size=30), st.integers(-10, 10**12).map(str), st.sampled_from(["", "MO", "09:00", "1e309", "NaN", "inf"]))
PARAMS = st.dictionaries(
    st.sampled_from(["search", "page", "per_page", "taxonomy_term_id", "taxonomy_id", "minimum_age", "maximum_age",
                     "start_time", "end_time", "day", "postcode", "proximity"]),
    QUERY_VALUES, max_size=5,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(["/services", "/service_at_locations", "/taxonomies", "/taxonomy_terms"]), params=PARAMS)
def test_no_query_causes_a_server_error(client, path, params):
    params = {k: v.replace("\x00", "") for k, v in params.items()}
    response = client.get(API + path, params)
    # A well-formed postcode of no place is a 404, as the served OpenAPI document says (openapi.py).
    unknown_place = path == "/service_at_locations" and params.get("postcode", "").strip()
    assert response.status_code in ((200, 400, 404) if unknown_place else (200, 400)), (params, response.content[:200])
    if response.status_code == 200:
        validate_page(json.loads(response.content), {
            "/services": "compiled/service_list", "/service_at_locations": "compiled/service_at_location_list",
            "/taxonomies": "taxonomy", "/taxonomy_terms": "taxonomy_term",
        }[path])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(["/services/", "/taxonomies/", "/taxonomy_terms/", "/service_at_locations/"]),
       pk=st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="/?#%"), min_size=1, max_size=40))
def test_no_id_causes_a_server_error(client, path, pk):
    assert client.get(API + path + pk).status_code in (404, 301)
