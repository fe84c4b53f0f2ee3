"""The search index read from the database (search/build.py): whom it holds, in what order, and
each filter as the set of its services' positions."""

import uuid
from array import array

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from romahub.directory import bitsets
from romahub.directory.models import Service, ServiceArea, TaxonomyTerm
from romahub.directory.search.build import build
from romahub.directory.tests.helpers import make_service
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db


def position_of(index, name: str) -> int:
    return next(position for position, card in enumerate(index.cards) if card.name == name)


def has(bits: int, position: int) -> bool:
    return bool(bits >> position & 1)


def test_it_holds_the_services_listed_and_the_places_of_every_location():
    make_service("Zebrafinch listed")
    closed = make_service("Zebrafinch closed for now")
    defunct = make_service("Zebrafinch defunct", latitude=52.9, longitude=-1.4, postcode="XX1 1XX", city="Nowhereton")
    draft = make_service("Zebrafinch draft")
    Service.objects.filter(pk=closed.pk).update(status="temporarily closed")
    Service.objects.filter(pk=defunct.pk).update(status="defunct")
    Service.objects.filter(pk=draft.pk).update(live=False)
    index = build()
    assert {uuid.UUID(card.pk) for card in index.cards} == set(Service.objects.listed().values_list("pk", flat=True))
    assert {card.name for card in index.cards if card.name.startswith("Zebrafinch")} == {"Zebrafinch listed", "Zebrafinch closed for now"}
    # A reader may look for any place the directory knows, whoever is there.
    assert index.gazetteer[("postcode", "XX1 1XX")] == (52.9, -1.4) and ("town", "nowhereton") in index.gazetteer


def test_positions_are_by_name_then_id_and_a_card_holds_what_a_result_shows():
    twins = sorted((make_service("Aardvark advice"), make_service("Aardvark advice")), key=lambda service: str(service.pk))
    index = build()
    cards = [card for card in index.cards if card.name == "Aardvark advice"]
    assert [uuid.UUID(card.pk) for card in cards] == [service.pk for service in twins]
    assert index.cards.index(cards[1]) == index.cards.index(cards[0]) + 1
    card = cards[0]
    assert (card.organisation, card.cost, card.phones, card.languages) == (
        "Aardvark advice organisation", "free", ["0808 801 0366"], [("ro", "Romanian")],
    )
    assert card.name_ro == "Aardvark advice (ro)"


def test_each_filter_is_the_set_of_its_services_positions():
    authority = LocalAuthority.objects.first()
    advocacy = TaxonomyTerm.objects.get(slug="advocacy")
    make_service("Yak help", terms=["advocacy"], authority=authority.slug, latitude=52.922, longitude=-1.476,
                 postcode="DE1 3AA", language=("sk", "Slovak"))
    national = make_service("Yak national", cost="paid", language=None)
    ServiceArea.objects.create(service=national, name="England")
    index = build()
    local, everywhere = position_of(index, "Yak help"), position_of(index, "Yak national")
    assert has(index.free, local) and not has(index.free, everywhere)
    assert has(index.terms[advocacy.pk], local) and not has(index.terms[advocacy.pk], everywhere)
    assert has(index.languages["sk"], local) and not any(has(bits, everywhere) for bits in index.languages.values())
    assert has(index.areas[authority.pk], local) and has(index.national, everywhere) and not has(index.national, local)
    assert has(index.located, local) and not has(index.located, everywhere)
    assert [point[:2] for point in index.places[local]] == [(52.922, -1.476)]


def test_a_rare_word_is_kept_as_positions_a_common_one_as_a_set_and_both_are_found():
    make_service("Quetzal advice")
    index = build()
    assert isinstance(index.postings["quetzal"], array)
    assert bitsets.positions(index.with_word("quetzal")) == [position_of(index, "Quetzal advice")]
    def services_with(word):
        posting = index.postings[word]
        return posting.bit_count() if isinstance(posting, int) else len(posting)

    common = max(index.postings, key=services_with)
    assert isinstance(index.postings[common], int)
    assert index.with_word(common).bit_count() >= services_with(common)


def test_a_handful_of_queries_whatever_the_directorys_size():
    with CaptureQueriesContext(connection) as before:
        build()
    for number in range(5):
        make_service(f"Extra {number}", latitude=52.9, longitude=-1.4, postcode="DE1 3AA", authority=LocalAuthority.objects.first().slug)
    with CaptureQueriesContext(connection) as after:
        build()
    assert len(after) == len(before) <= 10
