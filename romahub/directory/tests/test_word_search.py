"""Words search: every write reaches it (saves, queryset updates, renames, deletes), typed
punctuation is harmless, and on SQLite it ignores diacritics (FTS5)."""

import re

import pytest
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import connection

from romahub.directory.models import Organization, Service, ServiceAtLocation
from romahub.directory.search import Filters, matching_services
from romahub.directory.tests.helpers import make_service

pytestmark = pytest.mark.django_db


def found(query, language="en") -> set[str]:
    return set(matching_services(Filters(query=query), language).values_list("name", flat=True))


@pytest.fixture
def service():
    return make_service("Kirklees Roma welcome", terms=[])


def test_words_match_the_start_of_words_in_name_description_and_organisation(service):
    assert "Kirklees Roma welcome" in found("kirkl")
    assert "Kirklees Roma welcome" in found("KIRKLEES welcome")
    assert "Kirklees Roma welcome" in found("ajutor")  # the Romanian description
    assert "Kirklees Roma welcome" in found("organisation kirklees")
    assert "Kirklees Roma welcome" not in found("kirklees nowhere")


def test_queryset_updates_renames_and_deletes_reach_the_search(service):
    Service.objects.filter(pk=service.pk).update(description="Drop-in sessions on Tuesdays.")
    assert "Kirklees Roma welcome" in found("tuesdays")
    Organization.objects.filter(pk=service.organization_id).update(name="Huddersfield Community Trust")
    assert "Kirklees Roma welcome" in found("huddersfield")
    Service.objects.filter(pk=service.pk).delete()
    assert "Kirklees Roma welcome" not in found("kirklees")


@pytest.mark.parametrize("query", ['"', 'roma"', "roma*", "NEAR(roma)", "roma AND", "-roma", "col:roma", "^"])
def test_punctuation_and_operators_are_only_text(client, service, query):
    assert client.get("/en/services/", {"q": query}).status_code == 200


def test_slovak_text_is_found_with_or_without_diacritics(service):
    Service.objects.filter(pk=service.pk).update(description_sk="Pomoc a služby pre rómske rodiny.")
    assert "Kirklees Roma welcome" in found("služby", "sk")
    # FTS5 folds diacritics; the LIKE search PostgreSQL uses does not.
    assert ("Kirklees Roma welcome" in found("sluzby", "sk")) is (connection.vendor == "sqlite")


def test_a_migration_may_remake_the_tables_the_index_names(service):
    emit_pre_migrate_signal(verbosity=0, interactive=False, db="default")
    if connection.vendor == "sqlite":
        # What Django's SQLite schema editor does to alter a table: copy, drop, rename. With the
        # index's triggers in place, SQLite refused the rename ("error in trigger ... no such table").
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'directory_organization'")
            cursor.execute(cursor.fetchone()[0].replace('"directory_organization"', '"new__directory_organization"', 1))
            cursor.execute("INSERT INTO new__directory_organization SELECT * FROM directory_organization")
            cursor.execute("DROP TABLE directory_organization")
            cursor.execute("ALTER TABLE new__directory_organization RENAME TO directory_organization")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert "Kirklees Roma welcome" in found("kirklees")
    Service.objects.filter(pk=service.pk).update(name="Calderdale Roma welcome")
    assert "Calderdale Roma welcome" in found("calderdale")


def test_words_and_a_place_together(client):
    near = make_service("Derby Roma welcome", latitude=52.922, longitude=-1.476, postcode="DE1 3AA", city="Derby")
    make_service("Leeds Roma welcome", latitude=53.80, longitude=-1.55, postcode="LS1 1AA", city="Leeds")
    make_service("Derby housing advice", latitude=52.92, longitude=-1.47, postcode="DE1 2AA", city="Derby")
    body = client.get("/en/services/", {"q": "roma welcome", "near": "DE1"}).content.decode()
    names = re.findall(r'class="result__title"><a href="[^"]+">([^<]+)</a>', body)
    assert names[:2] == [near.name, "Leeds Roma welcome"] and "Derby housing advice" not in names


def test_the_word_condition_works_inside_a_subquery(service):
    # Sorting by distance asks for the locations of the matching services: a subquery, where
    # Django renames the service table.
    matching = matching_services(Filters(query="kirklees"))
    assert ServiceAtLocation.objects.filter(service__in=matching).count() == 0  # no location, but no error
    assert Service.objects.filter(pk__in=matching.values("pk")).count() == 1
