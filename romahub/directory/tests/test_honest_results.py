"""Searches as a family makes them, and what the page says when it finds nobody near who speaks their language."""

import re
from datetime import date, timedelta

import pytest

from romahub.core.languages import language_name, language_names
from romahub.directory import coverage
from romahub.directory.geocoding import Point
from romahub.directory.models import Service
from romahub.directory.next_steps import NEAR_KM, next_steps
from romahub.directory.search import Filters, current, search_services
from romahub.directory.tests.helpers import make_service

pytestmark = pytest.mark.django_db


def names(body: str) -> list[str]:
    return re.findall(r'class="result__title"><a href="[^"]+">([^<]+)</a>', body)


def miles(body: str) -> list[float]:
    return [float(found.replace(",", ".")) for found in re.findall(r"<dd>([\d.,]+) (?:miles|míle|mile)</dd>", body)]


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
@pytest.mark.parametrize(("params", "place"), [
    ({"language": "sk", "near": "Sheffield"}, "Sheffield"),
    ({"language": "ro", "near": "DE23 6AA"}, "DE23 6AA"),
    ({"help": "interpreting", "near": "Leeds"}, "Leeds"),
])
def test_family_searches_find_real_services_with_distances_or_say_what_to_do(client, language, params, place):
    body = client.get(f"/{language}/services/", params).content.decode()
    found, distances = names(body), miles(body)
    assert found, "real services from the starter data"
    assert distances == sorted(distances), "nearest first, each with its distance"
    if "language" in params and (not distances or distances[0] > NEAR_KM / 1.609344):
        # Nobody near speaks it: the next steps, in the reader's language.
        assert 'id="next-steps-heading"' in body
        assert "tel:+448088010366" in body  # Family Rights Group's advice line, from the directory
    else:
        assert distances, "services near the place, with their distances"


def test_interpreting_near_leeds_lists_the_leeds_service_first(client):
    found = names(client.get("/en/services/", {"help": "interpreting", "near": "Leeds"}).content.decode())
    assert "Leeds" in found[0]


@pytest.mark.parametrize(("language", "words"), [
    ("en", "What you can do next"), ("sk", "Čo môžete urobiť ďalej"), ("ro", "Ce puteți face mai departe"),
])
def test_nothing_found_says_what_to_do_next_in_the_readers_language(client, language, words):
    body = client.get(f"/{language}/services/", {"q": "zzzqqq"}).content.decode()
    assert not names(body) and words in body and "tel:+448088010366" in body


def test_next_steps_rule():
    index = current()
    sheffield = Point(53.38, -1.47, "Sheffield")
    results, total = search_services(Filters(language="sk", point=sheffield), index=index)
    steps = next_steps(Filters(language="sk", point=sheffield), results, total, index)
    nearest = results[0].distance_km
    assert (steps is not None) == (nearest > NEAR_KM)
    # A Slovak speaker a short way off: no next steps.
    make_service("Sheffield Slovak advice", latitude=53.381, longitude=-1.47, postcode="S1 2AA", city="Sheffield", language=("sk", "Slovak"))
    index = current()
    results, total = search_services(Filters(language="sk", point=sheffield), index=index)
    assert next_steps(Filters(language="sk", point=sheffield), results, total, index) is None
    # Outside England, or nothing at all: the steps.
    cardiff = Point(51.48, -3.18, "Cardiff", "W")
    results, total = search_services(Filters(point=cardiff), index=index)
    assert next_steps(Filters(point=cardiff), results, total, index).reason == "outside_england"
    assert next_steps(Filters(query="zzzqqq"), [], 0, index).reason == "nothing"


@pytest.mark.parametrize(("language", "says"), [("en", "is in Wales"), ("sk", "je vo Walese"), ("ro", "este în Țara Galilor")])
def test_a_place_outside_england_says_so(client, language, says):
    body = client.get(f"/{language}/services/", {"near": "CF10 1AA"}).content.decode()
    assert says in body and names(body)


def test_a_misspelt_town_offers_the_right_one(client):
    body = client.get("/ro/services/", {"near": "Sheffeild", "language": "sk"}).content.decode()
    assert 'aria-invalid="true"' in body
    assert 'href="?near=Sheffield&amp;language=sk"' in body or 'href="?language=sk&amp;near=Sheffield"' in body


@pytest.mark.parametrize(("language", "slovak", "welsh"), [("en", "Slovak", "Welsh"), ("sk", "Slovenčina", "Waleština"), ("ro", "Slovacă", "Galeză")])
def test_language_names_are_in_the_readers_language(language, slovak, welsh):
    from django.utils.translation import override

    with override(language):
        assert language_name("sk") == slovak
        assert language_name("cy") == welsh  # from CLDR, never the raw code
        assert language_name("zzz", "Made-up") == "Made-up"
        assert language_names([("sk", "Slovak"), ("sk", "Slovak")]) == slovak


def test_cards_and_service_pages_name_languages_in_the_readers_language(client):
    service = make_service("Welsh and Slovak help", language=("cy", "Welsh"))
    search = client.get("/sk/services/", {"q": "welsh slovak"}).content.decode()
    page = client.get(f"/sk/services/{service.pk}/").content.decode()
    for body in (search, page):
        assert "Waleština" in body and ">Welsh<" not in body


def test_the_source_line_and_its_date_are_in_the_readers_language(client):
    service = make_service("Sourced help")
    Service.objects.filter(pk=service.pk).update(source_read_on=date(2026, 12, 2))
    body = client.get(f"/ro/services/{service.pk}/").content.decode()
    assert "citită de portal:" in body and "2 decembrie 2026" in body


def test_coverage_counts_each_kind_by_area():
    make_service("Derby Slovak advocacy", terms=["advocacy"], authority="derby", language=("sk", "Slovak"))
    rows = {row.authority.slug: row for row in coverage.coverage()}
    derby = rows["derby"]
    assert derby.services >= 1 and derby.counts["sk"] >= 1 and derby.counts["advocacy"] >= 1
    assert rows["isles-of-scilly"].services == 0 and rows["isles-of-scilly"].gaps == len(coverage.COLUMNS)
    reached = [row for row in coverage.coverage() if row.services]
    assert len(reached) >= 20


def test_needing_check_lists_the_never_and_the_long_ago_checked():
    today = date(2026, 12, 2)
    fresh, stale, never = make_service("Fresh"), make_service("Stale"), make_service("Never")
    Service.objects.filter(pk=fresh.pk).update(last_verified=today - timedelta(days=30))
    Service.objects.filter(pk=stale.pk).update(last_verified=today - timedelta(days=400))
    listed = list(Service.objects.filter(pk__in=[fresh.pk, stale.pk, never.pk]).needing_check(today))
    assert listed == [Service.objects.get(pk=never.pk), Service.objects.get(pk=stale.pk)]


@pytest.mark.parametrize(("role", "status"), [("editor", 200), ("moderator", 200), ("translator", 200)])
def test_the_coverage_report_is_for_the_working_groups_editorial_roles(editorial_clients, role, status):
    response = editorial_clients[role].get("/admin/reports/directory-coverage/")
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert 'data-area="derby"' in body and 'id="needs-checking-list"' in body


def test_anonymous_readers_cannot_see_the_coverage_report(client):
    response = client.get("/admin/reports/directory-coverage/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
