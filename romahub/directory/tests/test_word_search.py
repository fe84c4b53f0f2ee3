"""Words search: prefixes in every language's text and the organisation's name, any case, with or
without diacritics; every kind of write reaches it; typed punctuation is only text."""

import re

import pytest

from romahub.directory import bitsets
from romahub.directory.models import Organization, Service
from romahub.directory.search import Filters, changed, current, matching
from romahub.directory.tests.helpers import make_service

pytestmark = pytest.mark.django_db


def found(query, language="en") -> set[str]:
    index = current()
    ids = [index.cards[position].pk for position in bitsets.positions(matching(Filters(query=query), language, index))]
    return set(Service.objects.filter(pk__in=ids).values_list("name", flat=True))


@pytest.fixture
def service():
    return make_service("Kirklees Roma welcome", terms=[])


def test_words_match_the_start_of_words_in_name_description_and_organisation(service):
    assert "Kirklees Roma welcome" in found("kirkl")
    assert "Kirklees Roma welcome" in found("KIRKLEES welcome")
    assert "Kirklees Roma welcome" in found("ajutor")  # the Romanian description
    assert "Kirklees Roma welcome" in found("organisation kirklees")
    assert "Kirklees Roma welcome" not in found("kirklees nowhere")
    assert "Kirklees Roma welcome" not in found("irklees")  # the start of a word, not its middle


def test_saves_renames_and_deletes_reach_the_search(service):
    service.description = "Drop-in sessions on Tuesdays."
    service.save()
    assert "Kirklees Roma welcome" in found("tuesdays")
    organisation = Organization.objects.get(pk=service.organization_id)
    organisation.name = "Huddersfield Community Trust"
    organisation.save()
    assert "Kirklees Roma welcome" in found("huddersfield")
    service.status = "defunct"
    service.save()
    assert "Kirklees Roma welcome" not in found("kirklees")
    service.status = "active"
    service.save()
    assert "Kirklees Roma welcome" in found("kirklees")
    service.delete()
    assert "Kirklees Roma welcome" not in found("kirklees")


def test_writes_without_signals_reach_the_search_once_changed_is_called(service):
    # QuerySet.update() sends no signal: bulk writers call changed() (search/freshness.py's docstring).
    assert "Kirklees Roma welcome" in found("kirklees")  # the index is built
    Service.objects.filter(pk=service.pk).update(description="Evening clinic.")
    assert "Kirklees Roma welcome" not in found("evening")
    changed()
    assert "Kirklees Roma welcome" in found("evening")


@pytest.mark.parametrize("query", ['"', 'roma"', "roma*", "NEAR(roma)", "roma AND", "-roma", "col:roma", "^", "%", "_"])
def test_punctuation_and_operators_are_only_text(client, service, query):
    assert client.get("/en/services/", {"q": query}).status_code == 200
    words = re.findall(r"[a-z]+", query.lower())
    assert ("Kirklees Roma welcome" in found(query)) is (not words or words == ["roma"])


def test_text_is_found_with_or_without_diacritics(service):
    service.description_sk = "Pomoc a služby pre rómske rodiny."
    service.description_ro = "Asistență pentru familii."
    service.save()
    for query in ("služby", "sluzby", "SLUŽBY", "asistență", "asistenta", "asistenţă"):  # ţ with a cedilla too
        assert "Kirklees Roma welcome" in found(query, "sk"), query


def test_a_kind_of_help_is_found_by_its_name_in_the_readers_language():
    make_service("Derby welcome", terms=["interpreting"])
    assert "Derby welcome" in found("interpreting")
    assert "Derby welcome" in found("tlmočenie", "sk")  # the term's Slovak name
    assert "Derby welcome" not in found("tlmočenie", "en")


def test_words_and_a_place_together(client):
    near = make_service("Derby Roma welcome", latitude=52.922, longitude=-1.476, postcode="DE1 3AA", city="Derby")
    make_service("Leeds Roma welcome", latitude=53.80, longitude=-1.55, postcode="LS1 1AA", city="Leeds")
    make_service("Derby housing advice", latitude=52.92, longitude=-1.47, postcode="DE1 2AA", city="Derby")
    body = client.get("/en/services/", {"q": "roma welcome", "near": "DE1"}).content.decode()
    names = re.findall(r'class="result__title"><a href="[^"]+">([^<]+)</a>', body)
    assert names[:2] == [near.name, "Leeds Roma welcome"] and "Derby housing advice" not in names
