"""The starter resources: real, complete, in three languages, loaded once."""

import pytest
from django.conf import settings

from romahub.resources.loader import load_starter_resources, problems, read
from romahub.resources.models import AUDIENCES, KINDS, Resource

pytestmark = pytest.mark.django_db


def test_the_data_file_is_valid_and_covers_every_audience_and_kind():
    items = read()
    assert problems(items) == []
    assert len(items) >= 40
    assert {code for item in items for code in item["audiences"]} == {code for code, _ in AUDIENCES}
    assert {item["kind"] for item in items} == {code for code, _ in KINDS}
    assert sum(item["cost"] in ("paid", "subscription") for item in items) >= 3  # paid works are kept, and labelled
    assert sum("lawyers" in item["audiences"] for item in items) >= 15


def test_loaded_in_three_languages_and_none_claims_a_check_nobody_made():
    items = read()
    sources = Resource.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    assert sources.count() == len(items)
    assert not Resource.objects.exclude(last_checked=None).exists()
    assert not Resource.objects.filter(community_reviewed=True).exists()
    for code in ("sk", "ro"):
        translated = Resource.objects.filter(locale__language_code=code)
        assert translated.count() == len(items)
        by_key = {r.translation_key: r for r in translated}
        for source in sources:
            assert by_key[source.translation_key].summary != source.summary
            assert by_key[source.translation_key].cost == source.cost


def test_loading_twice_changes_nothing():
    before = list(Resource.objects.order_by("pk").values_list("pk", "summary", "cost"))
    assert load_starter_resources() == 0
    assert list(Resource.objects.order_by("pk").values_list("pk", "summary", "cost")) == before


def test_an_editors_change_survives_a_reload():
    resource = Resource.objects.filter(locale__language_code="en").first()
    Resource.objects.filter(pk=resource.pk).update(summary="Changed by an editor.")
    load_starter_resources()
    assert Resource.objects.get(pk=resource.pk).summary == "Changed by an editor."


def good(**changes):
    item = {
        "key": "an-act", "title": "An Act", "url": "https://example.org/act", "publisher": "Parliament", "year": 2000,
        "audiences": ["lawyers"], "kind": "legislation", "languages": ["en"], "cost": "free", "price": "",
        "source": "The public page", "summary": {"en": "An Act.", "sk": "Zákon.", "ro": "O lege."},
    }
    item.update(changes)
    return item


@pytest.mark.parametrize("item,problem", [
    (good(kind="novel"), "unknown kind"),
    (good(cost="cheap"), "unknown cost"),
    (good(price="£10"), "a free resource has no price"),
    (good(url="http://example.org/act"), "https://"),
    (good(audiences=["judges"]), "audiences must be"),
    (good(summary={"en": "An Act.", "sk": "Zákon."}), "summary in ro is missing"),
    (good(summary={"en": "An Act.", "sk": "Zákon.", "ro": "Legea ţării"}), "comma below"),
    (good(key="Not A Slug"), "lowercase"),
])
def test_bad_data_is_refused_with_a_reason(item, problem):
    assert any(problem in found for found in problems([item]))


def test_a_repeated_key_is_refused():
    assert any("more than once" in found for found in problems([good(), good()]))


def test_notes_for_editors_stay_out_of_public_pages(client):
    resource = Resource.objects.filter(locale__language_code="en").exclude(editor_note="").first()
    assert resource.editor_note.startswith("How the details were found")
    body = client.get(f"/en/resources/{resource.slug}/").content.decode()
    assert resource.source in body.replace("&#x27;", "'") and resource.editor_note not in body
