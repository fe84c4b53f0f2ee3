"""Glossary terms and resources: English goes live only when a moderator publishes it, and
translators never change an English row (issue 13, finding 3)."""

import pytest
from django.test import Client
from wagtail.models import Locale

from romahub.pages.models import GlossaryPage, GlossaryTerm
from romahub.pages.templatetags.pages_tags import _glossary_for
from romahub.resources.models import Resource
from romahub.resources.tests.conftest import resource

pytestmark = pytest.mark.django_db


def term_post(term, **changes):
    return {"term": term.term, "slug": term.slug, "definition": term.definition, "aliases": term.aliases, **changes}


def glossary_body(language="en") -> str:
    page = GlossaryPage.objects.live().get(locale__language_code=language)
    return Client().get(page.url).content.decode()


def english_term() -> GlossaryTerm:
    return GlossaryTerm.objects.filter(locale__language_code="en").order_by("pk").first()


def test_an_editors_glossary_edit_is_live_only_once_a_moderator_publishes_it(editorial_clients):
    term = english_term()
    url = f"/admin/snippets/pages/glossaryterm/edit/{term.pk}/"
    edited = term_post(term, definition="Zebrafinch explanation.")
    assert editorial_clients["editor"].post(url, {**edited, "action-publish": "1"}).status_code == 302
    term.refresh_from_db()
    assert term.definition != "Zebrafinch explanation." and term.has_unpublished_changes
    assert "Zebrafinch" not in glossary_body()
    assert "Zebrafinch" not in Client().get("/en/search/", {"q": term.term}).content.decode()

    assert editorial_clients["moderator"].post(url, {**edited, "action-publish": "1"}).status_code == 302
    term.refresh_from_db()
    assert term.definition == "Zebrafinch explanation."
    assert "Zebrafinch explanation." in glossary_body()


def test_a_new_draft_term_is_not_in_the_glossary_the_search_or_the_guides_links(editorial_clients):
    data = {"term": "Zebrafinch order", "slug": "zebrafinch-order", "definition": "A draft.", "aliases": "", "locale": Locale.get_default().pk}
    assert editorial_clients["editor"].post("/admin/snippets/pages/glossaryterm/add/", data).status_code == 302
    term = GlossaryTerm.objects.get(slug="zebrafinch-order")
    assert not term.live
    assert "Zebrafinch" not in glossary_body()
    assert "Zebrafinch order" not in Client().get("/en/search/", {"q": "Zebrafinch"}).content.decode().split("</form>", 1)[-1]
    assert "zebrafinch-order" not in {forms.slug for forms in _glossary_for(Locale.get_default().pk, None)[1]}
    term.save_revision().publish()
    assert "zebrafinch-order" in {forms.slug for forms in _glossary_for(Locale.get_default().pk, None)[1]}


def test_translators_never_change_an_english_term_and_publish_their_own(editorial_clients):
    term = english_term()
    url = f"/admin/snippets/pages/glossaryterm/edit/{term.pk}/"
    refused = editorial_clients["translator"].get(url)
    assert refused.status_code == 403 or refused["Location"] == "/admin/"
    editorial_clients["translator"].post(url, {**term_post(term, definition="Forged."), "action-publish": "1"})
    for action in ("unpublish", "lock", "delete"):
        editorial_clients["translator"].post(f"/admin/snippets/pages/glossaryterm/{action}/{term.pk}/")
    term.refresh_from_db()
    assert term.definition != "Forged." and term.live and not term.locked and not term.has_unpublished_changes
    assert term.revisions.count() == 0 or term.get_latest_revision_as_object().definition != "Forged."

    # A Slovak term a translator keeps by hand (those wagtail-localize keeps open in its own editor).
    source = GlossaryTerm.objects.create(term="Zebrafinch plan", slug="zebrafinch-plan", definition="A plan.", locale=Locale.get_default())
    slovak = source.copy_for_translation(Locale.objects.get(language_code="sk"))
    slovak.term, slovak.definition = "Plán zebrafinch", "Plán."
    slovak.save()
    slovak_url = f"/admin/snippets/pages/glossaryterm/edit/{slovak.pk}/"
    assert editorial_clients["translator"].get(slovak_url).status_code == 200
    response = editorial_clients["translator"].post(slovak_url, {**term_post(slovak, definition="Opravené vysvetlenie."), "action-publish": "1"})
    assert response.status_code == 302
    slovak.refresh_from_db()
    assert slovak.definition == "Opravené vysvetlenie."
    assert "Opravené vysvetlenie." in glossary_body("sk")


def resource_post(item, **changes):
    data = {
        field: getattr(item, field) for field in (
            "title", "slug", "title_language", "summary", "url", "publisher", "kind", "cost", "price", "source", "checked_by", "editor_note",
        )
    }
    data.update(year=item.year or "", languages=", ".join(item.language_codes), audience_choices=item.audience_codes, document="")
    data.update(changes)
    return data


def test_an_editors_resource_edit_and_a_new_draft_resource_stay_off_the_library(editorial_clients):
    live = resource("Zebra guide for families")
    url = f"/admin/snippets/resources/resource/edit/{live.pk}/"
    assert editorial_clients["editor"].post(url, resource_post(live, summary="Zebrafinch summary.", **{"action-publish": "1"})).status_code == 302
    new = resource_post(live, title="Zebrafinch new resource", slug="zebrafinch-new", summary="A draft.")
    assert editorial_clients["editor"].post("/admin/snippets/resources/resource/add/", {**new, "locale": Locale.get_default().pk}).status_code == 302
    assert not Resource.objects.get(slug="zebrafinch-new").live
    reader = Client()
    library = reader.get("/en/resources/", {"q": "Zebra"}).content.decode().split("</form>", 1)[-1]
    assert "Zebra guide for families" in library and "Zebrafinch" not in library
    assert "Zebrafinch" not in reader.get(f"/en/resources/{live.slug}/").content.decode()
    assert reader.get("/en/resources/zebrafinch-new/").status_code == 404
    assert "zebrafinch-new" not in reader.get("/sitemap.xml").content.decode()

    assert editorial_clients["moderator"].post(url, resource_post(live, summary="Zebrafinch summary.", **{"action-publish": "1"})).status_code == 302
    assert "Zebrafinch summary." in reader.get(f"/en/resources/{live.slug}/").content.decode()


def test_translators_cannot_edit_an_english_resource(editorial_clients):
    live = resource("Zebra guide for families")
    url = f"/admin/snippets/resources/resource/edit/{live.pk}/"
    refused = editorial_clients["translator"].get(url)
    assert refused.status_code == 403 or refused["Location"] == "/admin/"
    editorial_clients["translator"].post(url, resource_post(live, summary="Forged.", cost="paid", **{"action-publish": "1"}))
    live.refresh_from_db()
    assert live.summary != "Forged." and live.cost == "free" and live.revisions.count() == 0
