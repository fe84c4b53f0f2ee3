"""The search index against the plain definition of a search, over thousands of services.

A reference search, written as directly as possible over rows read from the database, gives the
expected page for random filters, places and pages; the index (bitsets, word prefixes, the grid
around a place) must give exactly the same services in the same order, and the same total.
More than 2,000 located services, so places go through the growing box on the grid.
"""

import math
import random
import uuid

import pytest

from romahub.directory.geocoding import Point, distance_km
from romahub.directory.models import (
    Location,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from romahub.directory.search import Filters, changed, index, search_services
from romahub.directory.search.build import NATIONAL_AREAS
from romahub.directory.words import words_in
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db

SIZE = 2600
TOWNS = [(52.922, -1.476), (53.80, -1.55), (51.507, -0.128), (52.48, -1.90), (50.37, -4.14), (54.97, -1.61)]
WORDS = "advice family support roma court housing slovak romanian welfare youth".split()
STATUSES = ["active"] * 8 + ["temporarily closed", "inactive", "defunct"]


@pytest.fixture
def directory():
    rng = random.Random(7)
    terms = list(TaxonomyTerm.objects.all())
    authorities = list(LocalAuthority.objects.all()[:12])
    organisation = Organization.objects.create(name="Índex test trust", description="")
    services, locations, links, languages, areas, term_links = [], [], [], [], [], []
    for _ in range(SIZE):
        service = Service(
            id=uuid.uuid4(), organization=organisation, source="test",
            # Few different names, so many ties are broken by id.
            name=f"Service {rng.choice('ABCDEFGH')}{rng.randint(0, 40)}",
            description=" ".join(rng.sample(WORDS, 3)) + (" služby" if rng.random() < 0.2 else ""),
            status=rng.choice(STATUSES), cost=rng.choice(["free", "paid", ""]),
        )
        services.append(service)
        for _ in range(rng.choice([0, 1, 1, 1, 2])):  # some have no location, some two
            lat, lon = rng.choice(TOWNS)
            location = Location(id=uuid.uuid4(), name="x", latitude=lat + rng.uniform(-0.6, 0.6), longitude=lon + rng.uniform(-0.9, 0.9))
            locations.append(location)
            links.append(ServiceAtLocation(id=uuid.uuid4(), service=service, location=location))
        if rng.random() < 0.05:  # an address without coordinates
            location = Location(id=uuid.uuid4(), name="no point")
            locations.append(location)
            links.append(ServiceAtLocation(id=uuid.uuid4(), service=service, location=location))
        for code in rng.sample(["ro", "sk", "rom", "cs"], rng.randint(0, 2)):
            languages.append(ServiceLanguage(id=uuid.uuid4(), service=service, code=code, name=code))
        if rng.random() < 0.1:
            areas.append(ServiceArea(id=uuid.uuid4(), service=service, name="England"))
        for authority in rng.sample(authorities, rng.randint(0, 2)):
            areas.append(ServiceArea(id=uuid.uuid4(), service=service, local_authority=authority))
        for term in rng.sample(terms, rng.randint(0, 3)):
            term_links.append(Service.terms.through(service_id=service.id, taxonomyterm_id=term.pk))
    for model, rows in ((Service, services), (Location, locations), (ServiceAtLocation, links),
                        (ServiceLanguage, languages), (ServiceArea, areas), (Service.terms.through, term_links)):
        model.objects.bulk_create(rows, batch_size=500)
    changed()
    return {"terms": terms, "authorities": authorities, "rng": random.Random(11)}


def listed_rows() -> dict:
    """Each listed service with its words, terms, languages, areas and points, read plainly."""
    services = Service.objects.listed().select_related("organization")
    rows = {
        service.pk: {
            "service": service,
            "words": set(words_in(" ".join([service.name, service.name_sk, service.name_ro, service.description,
                                             service.description_sk, service.description_ro, service.organization.name]))),
            "terms": set(), "languages": set(), "authorities": set(), "national": False, "points": [],
        }
        for service in services
    }
    for service_id, term_id in Service.terms.through.objects.values_list("service_id", "taxonomyterm_id"):
        if service_id in rows:
            rows[service_id]["terms"].add(term_id)
    for service_id, code in ServiceLanguage.objects.values_list("service_id", "code"):
        if service_id in rows:
            rows[service_id]["languages"].add(code)
    for service_id, authority, name in ServiceArea.objects.values_list("service_id", "local_authority_id", "name"):
        if service_id in rows:
            rows[service_id]["authorities"].add(authority)
            rows[service_id]["national"] |= name in NATIONAL_AREAS
    for service_id, lat, lon in ServiceAtLocation.objects.values_list("service_id", "location__latitude", "location__longitude"):
        if service_id in rows and lat is not None and lon is not None:
            rows[service_id]["points"].append((lat, lon))
    return rows


def reference(filters: Filters, language: str, rows: dict) -> list[uuid.UUID]:
    """Every matching service's id, in the order the search shows them."""
    term_names = {term.pk: (term.name.lower(), (getattr(term, f"name_{language}", "") or "").lower()) for term in TaxonomyTerm.objects.all()}

    def has_word(row, typed):
        parts = words_in(typed)
        if all(any(word.startswith(part) for word in row["words"]) for part in parts):
            return True
        wanted = typed.lower()
        return any(wanted in term_names[pk][0] or (language in ("sk", "ro") and wanted in term_names[pk][1]) for pk in row["terms"])

    def matches(row):
        return (
            all(has_word(row, typed) for typed in filters.query.split())
            and (not filters.help or row["terms"] & {term.pk for term in filters.help})
            and (not filters.audience or filters.audience.pk in row["terms"])
            and (not filters.language or filters.language in row["languages"])
            and (not filters.free_only or row["service"].cost == "free")
            and (not filters.authority or filters.authority.pk in row["authorities"] or row["national"])
        )

    found = [row for row in rows.values() if matches(row)]
    by_name = sorted(found, key=lambda row: (row["service"].name, str(row["service"].pk)))
    if not filters.point:
        return [row["service"].pk for row in by_name]
    located = [row for row in by_name if row["points"]]
    nearest = sorted(
        located,
        key=lambda row: (min(distance_km(filters.point, lat, lon) for lat, lon in row["points"]), row["service"].name, str(row["service"].pk)),
    )
    return [row["service"].pk for row in nearest] + [row["service"].pk for row in by_name if not row["points"]]


def random_filters(context) -> tuple[Filters, str]:
    rng, terms, authorities = context["rng"], context["terms"], context["authorities"]
    filters = Filters()
    if rng.random() < 0.3:
        filters.query = " ".join(rng.sample(WORDS + ["sluzby", "fam", "index", "zzz"], rng.randint(1, 2)))
    if rng.random() < 0.4:
        filters.help = rng.sample(terms, rng.randint(1, 2))
    if rng.random() < 0.2:
        filters.audience = rng.choice(terms)
    if rng.random() < 0.3:
        filters.language = rng.choice(["ro", "sk", "rom", "cs", "hu"])
    filters.free_only = rng.random() < 0.3
    if rng.random() < 0.3:
        filters.authority = rng.choice(authorities)
    if rng.random() < 0.6:
        lat, lon = rng.choice(TOWNS)
        filters.point = Point(lat + rng.uniform(-0.3, 0.3), lon + rng.uniform(-0.3, 0.3))
    return filters, rng.choice(["en", "sk", "ro"])


@pytest.mark.parametrize("few_matches", [index.FEW_MATCHES, 0])
def test_the_index_finds_and_orders_as_the_definition_does(directory, few_matches, monkeypatch):
    monkeypatch.setattr(index, "FEW_MATCHES", few_matches)  # 0: every place goes through the grid
    rows = listed_rows()
    for _ in range(60):
        filters, language = random_filters(directory)
        expected = reference(filters, language, rows)
        pages = max(1, math.ceil(len(expected) / 20))
        for page in {1, 2, directory["rng"].randint(1, pages), pages, pages + 1}:
            results, total = search_services(filters, language, page=page)
            assert total == len(expected), filters
            assert [uuid.UUID(result.card.pk) for result in results] == expected[(page - 1) * 20 : page * 20], (filters, page)


def test_a_place_with_many_located_matches_goes_through_the_grid(directory, monkeypatch):
    # The growing box must be the path taken with few_matches=0, or the test above would not cover it.
    monkeypatch.setattr(index, "FEW_MATCHES", 0)
    boxes = []
    real = index.SearchIndex._within
    monkeypatch.setattr(index.SearchIndex, "_within", lambda self, *args: boxes.append(args[-1]) or real(self, *args))
    filters = Filters(point=Point(*TOWNS[0]))
    results, _total = search_services(filters, "en")
    assert boxes and [uuid.UUID(result.card.pk) for result in results] == reference(filters, "en", listed_rows())[:20]

