"""The search index (index.py) read from the database: every listed service and what it is
filtered by, in a handful of queries whatever the directory's size."""

from __future__ import annotations

import math
from array import array
from collections import defaultdict

from django.db.models import CharField
from django.db.models.functions import Cast

from romahub.directory import bitsets
from romahub.directory.geocoding import gazetteer
from romahub.directory.models import (
    Location,
    Phone,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from romahub.directory.search.index import Area, Card, SearchIndex, TermName, cell
from romahub.directory.words import fold, words_in
from romahub.places.models import LocalAuthority

# Which services are listed is one rule, Service.objects.listed(): published, with LISTED_STATUSES.
# A service area with one of these names covers every local authority.
NATIONAL_AREAS = ("England", "United Kingdom", "UK", "England and Wales", "Great Britain")


def build(token: str | None = None) -> SearchIndex:
    """Read every listed service and what it is filtered by; `token` is the directory's revision
    read before (freshness.py), so a change made meanwhile leaves this index out of date."""
    rows = (
        Service.objects.listed()
        .order_by("name", "id")
        .annotate(key=_text("pk"))
        .values_list("key", "cost", "url", "name", "name_sk", "name_ro", "description", "description_sk", "description_ro", "organization__name")
    )
    index = SearchIndex(token=token, cards=[])
    position_of: dict[str, int] = {}
    free: list[int] = []
    words: dict[str, list[int]] = defaultdict(list)
    for position, (pk, cost, url, *text) in enumerate(rows):
        index.cards.append(Card(pk, *text, url=url, cost=cost))
        position_of[pk] = position
        if cost == "free":
            free.append(position)
        for word in set(words_in(" ".join(part or "" for part in text))):
            words[word].append(position)
    for service, number in Phone.objects.annotate(key=_text("service_id")).order_by("service_id", "id").values_list("key", "number"):
        if service in position_of:
            index.cards[position_of[service]].phones.append(number)
    # Lists, not querysets: each is read twice below.
    languages = list(ServiceLanguage.objects.annotate(key=_text("service_id")).order_by("name").values_list("key", "code", "name"))
    for service, code, name in languages:
        if service in position_of:
            index.cards[position_of[service]].languages.append((code, name))
    size = index.size
    index.free = bitsets.from_positions(free, size)
    # A common word is cheaper as a bitset (size / 8 bytes); a rare one as a list of positions.
    for word, positions in words.items():
        index.postings[word] = bitsets.from_positions(positions, size) if len(positions) * 32 >= size else array("I", positions)
    index.vocabulary = sorted(index.postings)

    index.terms = _grouped(Service.terms.through.objects.annotate(key=_text("service_id")).values_list("taxonomyterm_id", "key"), position_of, size)
    for pk, taxonomy, *names in TaxonomyTerm.objects.values_list("pk", "taxonomy__slug", "slug", "name", "name_sk", "name_ro"):
        term = TermName(pk, *names)
        index.term_names.append((pk, fold(term.name), fold(term.name_sk), fold(term.name_ro)))
        index.term_choices.setdefault(taxonomy, []).append(term)
    index.languages = _grouped(((code, service) for service, code, _name in languages), position_of, size)
    areas = list(ServiceArea.objects.annotate(key=_text("service_id")).values_list("local_authority_id", "key", "name"))
    index.areas = _grouped(((la, service) for la, service, _name in areas if la is not None), position_of, size)
    index.national = bitsets.from_positions(
        (position_of[service] for _la, service, name in areas if name in NATIONAL_AREAS and service in position_of), size
    )
    located = ServiceAtLocation.objects.filter(location__latitude__isnull=False, location__longitude__isnull=False)
    for service, lat, lon in located.annotate(key=_text("service_id")).values_list("key", "location__latitude", "location__longitude"):
        position = position_of.get(service)
        if position is not None:
            point = (lat, lon, math.radians(lat), math.radians(lon), math.cos(math.radians(lat)))
            index.places.setdefault(position, []).append(point)
            entry = (position, *point)
            index.grid.setdefault((cell(lat), cell(lon)), []).append(entry)
            index.points.append(entry)
    index.authorities = [Area(*row) for row in LocalAuthority.objects.order_by("name").values_list("pk", "slug", "name")]
    # Every located location, whatever its services' status: a reader may look for any place.
    known = Location.objects.filter(latitude__isnull=False, longitude__isnull=False)
    index.gazetteer = gazetteer(known.values_list("latitude", "longitude", "postal_code", "city"))
    index.located = bitsets.from_positions(index.places, size)
    return index


def _text(column: str) -> Cast:
    """A UUID column as the database's text for it: half a million ids are read, and making UUID
    objects of them took longer than the rest of the build."""
    return Cast(column, output_field=CharField())


def _grouped(pairs, position_of: dict, size: int) -> dict:
    """{key: the set of positions} from (key, service id) pairs, leaving out unlisted services."""
    groups: dict = defaultdict(list)
    for key, service in pairs:
        position = position_of.get(service)
        if position is not None:
            groups[key].append(position)
    return {key: bitsets.from_positions(positions, size) for key, positions in groups.items()}
