"""The public directory: search with every filter, distance order, the geocoder, and the service page."""

import json
import re
from datetime import time

import pytest

from romahub.directory.geocoding import OfflineGeocoder, normalise
from romahub.directory.models import Service
from romahub.directory.tests.helpers import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(db):
    return {
        "derby": make_service("Derby Roma advocacy", terms=["advocacy", "parents-and-families"], latitude=52.922,
                              longitude=-1.476, postcode="DE1 3AA", city="Derby", authority="derby"),
        "leicester": make_service("Leicester interpreters", terms=["interpreting"], latitude=52.636, longitude=-1.133,
                                  postcode="LE1 5AA", city="Leicester", authority="leicester", language=("sk", "Slovak"), cost="paid"),
        "sheffield": make_service("Sheffield family support", terms=["family-support"], latitude=53.381, longitude=-1.470,
                                  postcode="S1 2AA", city="Sheffield", authority="sheffield", opens=(time(9), time(17))),
    }


def result_names(response) -> list[str]:
    return re.findall(r'class="result__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_geocoder_normalises_and_finds_known_places(services):
    assert normalise(" de13aa ") == "DE1 3AA" and normalise("de1") == "DE1" and normalise("derby") == "Derby"
    geocoder = OfflineGeocoder()
    assert round(geocoder.lookup("DE1 3AA").latitude, 3) == 52.922  # a directory location's own postcode
    district = geocoder.lookup("de1")  # the gazetteer's district centre
    assert district.label == "DE1" and district.latitude == pytest.approx(52.92, abs=0.03)
    assert geocoder.lookup("DE1 9ZZ").latitude == district.latitude  # another unit: the district's centre
    assert geocoder.lookup("leicester").longitude == pytest.approx(-1.133, abs=0.03)  # town
    assert geocoder.lookup("Atlantis") is None and geocoder.lookup("ZZ9 9ZZ") is None


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_search_page_lists_services_in_each_language(client, services, language):
    response = client.get(f"/{language}/services/", {"q": "Derby Roma"})
    assert response.status_code == 200
    assert "Derby Roma advocacy" in response.content.decode() or language == "ro"
    assert 'lang="' + language + '"' in response.content.decode()


def test_distance_orders_results_from_a_postcode(client, services):
    ours = {s.name for s in services.values()}
    names = [n for n in result_names(client.get("/en/services/", {"near": "LE1"})) if n in ours]
    assert names == ["Leicester interpreters", "Derby Roma advocacy", "Sheffield family support"]
    names = [n for n in result_names(client.get("/en/services/", {"near": "Sheffield"})) if n in ours]
    assert names[0] == "Sheffield family support"
    body = client.get("/en/services/", {"near": "S1 2AA"}).content.decode()
    assert "0.0 miles" in body and "nearest to S1 2AA first" in body


def test_browser_location_orders_results(client, services):
    names = result_names(client.get("/en/services/", {"lat": "52.92", "lon": "-1.48"}))
    assert names[0] == "Derby Roma advocacy"


@pytest.mark.parametrize("params,expected", [
    ({"help": "interpreting"}, {"Leicester interpreters"}),
    ({"audience": "parents-and-families", "q": "Roma"}, {"Derby Roma advocacy"}),
    ({"language": "sk"}, {"Leicester interpreters"}),
    ({"q": "sheffield support"}, {"Sheffield family support"}),
])
def test_each_filter(client, services, params, expected):
    assert set(result_names(client.get("/en/services/", params))) & {s.name for s in services.values()} == expected


def test_free_only_and_council_area(client, services):
    free = set(result_names(client.get("/en/services/", {"free": "on"})))
    assert "Leicester interpreters" not in free and "Derby Roma advocacy" in free
    derby = set(result_names(client.get("/en/services/", {"la": "derby"})))
    assert "Derby Roma advocacy" in derby and "Sheffield family support" not in derby
    # A national service (area "England") serves every council area.
    assert any(Service.objects.filter(name=name, service_areas__name="England").exists() for name in derby)


def test_search_in_slovak_finds_slovak_text(client, services):
    Service.objects.filter(pk=services["sheffield"].pk).update(description_sk="Pomoc pre rodiny v Sheffielde.")
    found = set(result_names(client.get("/sk/services/", {"q": "Sheffielde"})))
    assert found & {s.name for s in services.values()} == {"Sheffield family support"}


@pytest.mark.parametrize("language,message", [
    ("en", "We could not find that place"),
    ("sk", "Toto miesto sme nenašli"),
    ("ro", "Nu am găsit acest loc"),
])
def test_unknown_place_is_a_clear_error_in_the_readers_language(client, services, language, message):
    body = client.get(f"/{language}/services/", {"near": "Atlantis"}).content.decode()
    assert message in body and "error-summary" in body and 'aria-invalid="true"' in body


def test_results_are_paginated_with_shareable_links(client, services):
    for i in range(25):
        make_service(f"Extra service {i:02d}", terms=["advocacy"])
    first = client.get("/en/services/", {"help": "advocacy", "q": "extra"}).content.decode()
    assert "Page 1 of 2" in first and "help=advocacy&amp;q=extra&amp;page=2" in first
    second = client.get("/en/services/", {"help": "advocacy", "q": "extra", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second


def test_service_page_shows_contacts_and_json_ld(client, services):
    service = services["derby"]
    response = client.get(f"/ro/services/{service.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Derby Roma advocacy (ro)" in body and "ajutor pentru familii de romi" in body
    assert 'href="tel:+448088010366"' in body
    assert "openstreetmap.org/directions?to=52.922%2C-1.476" in body
    assert "Derby" in body
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))
    assert data["@type"] == "Service" and data["provider"]["telephone"] == "0808 801 0366"
    # Each property on the type schema.org gives it: a free service is an offer at no price, its
    # languages are its channel's, and free entry is its place's.
    assert "isAccessibleForFree" not in data and "availableLanguage" not in data
    assert data["offers"] == {"@type": "Offer", "price": 0, "priceCurrency": "GBP"}
    channel = data["availableChannel"]
    assert channel["@type"] == "ServiceChannel" and channel["availableLanguage"]
    assert channel["serviceLocation"]["@type"] == "Place" and channel["serviceLocation"]["isAccessibleForFree"] is True


def test_unchecked_services_say_so(client, services):
    body = client.get(f"/en/services/{services['derby'].pk}/").content.decode()
    assert "Not yet checked by the hub" in body


def test_defunct_and_unknown_services_are_not_found(client, services):
    Service.objects.filter(pk=services["derby"].pk).update(status="defunct")
    assert client.get(f"/en/services/{services['derby'].pk}/").status_code == 404
    assert client.get("/en/services/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_starter_services_are_listed(client):
    body = client.get("/en/services/", {"q": "family rights"}).content.decode()
    assert "Family Rights Group" in body


@pytest.mark.parametrize("role,status", [("Editors", 200), ("Moderators", 200), ("Translators", 200), (None, 302)])
def test_directory_admin_needs_a_role(client, django_user_model, role, status):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("person", password="a long pass phrase 1")
    if role:
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    response = client.get("/admin/snippets/directory/service/")
    assert response.status_code == status
    add = client.get("/admin/snippets/directory/service/add/")
    assert add.status_code == (200 if role in ("Editors", "Moderators") else 302)


def test_anonymous_readers_cannot_reach_the_directory_admin(client):
    response = client.get("/admin/snippets/directory/service/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_site_search_box_is_not_filled_with_the_directory_query(client, services):
    body = client.get("/en/services/", {"near": "DE1", "help": "advocacy"}).content.decode()
    site_search = re.search(r'<input id="site-search"[^>]*>', body).group(0)
    assert 'value=""' in site_search


def test_a_new_location_is_a_known_place_at_once(services):
    geocoder = OfflineGeocoder()
    assert geocoder.lookup("ZZ9") is None
    make_service("Far away advice", latitude=50.5, longitude=-4.0, postcode="ZZ9 9ZZ", city="Nowhere-on-Sea")
    assert geocoder.lookup("ZZ9").latitude == pytest.approx(50.5)
    assert geocoder.lookup("nowhere-on-sea") is not None


@pytest.mark.parametrize(("language", "words"), [
    ("en", ["Distance", "miles", "Languages", "Cost", "Free", "You may have to pay", "Phone"]),
    ("sk", ["Vzdialenosť", "míle", "Jazyky", "Zadarmo", "Telefón"]),
    ("ro", ["Distanța", "mile", "Limbi", "Gratuit", "Telefon"]),
])
def test_a_result_shows_its_facts_in_the_readers_language_and_escapes_its_text(client, language, words):
    make_service("Derby <b>advice</b> & help", latitude=52.922, longitude=-1.476, postcode="DE1 3AA", city="Derby")
    make_service("Derby paid clinic", latitude=52.93, longitude=-1.47, postcode="DE1 2AA", city="Derby", cost="paid")
    body = client.get(f"/{language}/services/", {"near": "DE1"}).content.decode()
    results = body[body.index('<ol class="results"') : body.index("</ol>")]
    assert "Derby &lt;b&gt;advice&lt;/b&gt; &amp; help" in results and "<b>advice" not in results
    assert 'href="tel:+448088010366">0808 801 0366</a>' in results
    assert re.search(r'data-lat="52\.92\d*" data-lon="-1\.4\d*"', results)
    for word in words:
        assert word in results, word


@pytest.mark.parametrize("query", [{"help": "nonsense"}, {"help": ["advocacy", "nonsense"]}, {"audience": "aliens"}, {"la": "atlantis"}])
@pytest.mark.parametrize(("language", "message"), [("en", "Select a valid choice"), ("sk", "Vyberte platnú voľbu"), ("ro", "Selectați o opțiune validă")])
def test_a_filter_value_the_form_does_not_offer_is_an_error_not_a_crash(client, services, query, language, message):
    response = client.get(f"/{language}/services/", query)
    body = response.content.decode()
    assert response.status_code == 200 and message in body and "error-summary" in body
    assert 'class="result__title"' not in body


def test_chosen_filters_narrow_the_results_and_stay_chosen(client, services):
    body = client.get("/en/services/", {"help": "advocacy", "audience": "parents-and-families", "la": "derby"}).content.decode()
    names = result_names_from(body)
    assert "Derby Roma advocacy" in names and "Leicester interpreters" not in names and "Sheffield family support" not in names
    assert 'value="advocacy" id="id_help_0" checked' in body
    assert '<option value="parents-and-families" selected>' in body and '<option value="derby" selected>' in body


def result_names_from(body: str) -> list[str]:
    return re.findall(r'class="result__title"><a href="[^"]+">([^<]+)</a>', body)
