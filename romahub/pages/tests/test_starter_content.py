import json

import pytest
from django.apps import apps
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation

from romahub.pages.models import GlossaryTerm, GuidePage
from romahub.pages.starter_content import validate
from romahub.site import starter as loader


def snapshot():
    counts = {model._meta.label: model.objects.count() for model in apps.get_models()}
    return counts, list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id", "live", "numchild"))


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    before = snapshot()
    report = loader.load_starter_content()
    assert not report.changed
    assert snapshot() == before


@pytest.mark.django_db
def test_loaded_content_meets_the_minimums_in_every_language():
    for language in ("en", "sk", "ro"):
        guides = GuidePage.objects.live().filter(locale__language_code=language, alias_of__isnull=True)
        assert guides.count() >= 14
        per_section = {slug: guides.filter(path__startswith=Page.objects.get(
            slug=slug, locale__language_code=language).path).count() for slug in validate.SECTIONS}
        assert per_section["parents"] >= 4 and min(per_section.values()) >= 2, per_section
        assert GlossaryTerm.objects.filter(locale__language_code=language).count() >= 40
        faqs = sum(len(list(g.faq_items())) for g in guides.specific())
        assert faqs >= 30
    for slug in ("section-47-enquiry", "child-protection-conference", "core-group", "child-in-need-plan",
                 "child-protection-plan", "independent-chair", "public-law-outline", "letter-before-proceedings",
                 "legal-aid", "care-order", "kinship-care", "advocate", "interpreter"):
        assert GlossaryTerm.objects.filter(slug=slug).count() == 3, slug


@pytest.mark.django_db
def test_translations_are_real_wagtail_localize_translations():
    guide = GuidePage.objects.filter(locale__language_code="en").first()
    translations = Translation.objects.filter(source__object_id=guide.translation_key)
    assert {t.target_locale.language_code for t in translations} == {"sk", "ro"}
    assert StringTranslation.objects.filter(locale__language_code="ro").exists()
    slovak = guide.get_translation(guide.locale.__class__.objects.get(language_code="sk")).specific
    assert slovak.title != guide.title and slovak.live
    assert Revision.objects.filter(object_id=str(slovak.pk)).exists()


def test_data_files_are_valid():
    assert validate.validate() == []


def test_structure_mismatch_is_refused(tmp_path):
    guide = json.loads(next((validate.DATA_DIR / "guides").glob("*.json")).read_text(encoding="utf-8"))
    guide["sk"]["body"] = guide["sk"]["body"][:-1]
    (tmp_path / "guides").mkdir()
    path = tmp_path / "guides" / f"{guide['slug']}.json"
    path.write_text(json.dumps(guide), encoding="utf-8")
    errors: list[str] = []
    validate.check_guide(path, errors)
    assert any("structure differs from English" in e for e in errors)


def test_romanian_cedilla_letters_are_refused(tmp_path):
    errors: list[str] = []
    validate.check_translated("x", {"en": {"t": "a"}, "sk": {"t": "b"}, "ro": {"t": "şcoală"}}, errors)
    assert any("comma below" in e for e in errors)


def test_long_sentences_are_found_on_parents_pages():
    blocks = [{"type": "text", "value": "<p>Short one. " + "word " * 16 + "end.</p>"}]
    assert len(validate.long_sentences(blocks)) == 1
    assert validate.long_sentences([{"type": "text", "value": "<p>Fine. Also fine here.</p>"}]) == []
