import pytest
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

from romahub.pages.models import CommunityReview, GuidePage
from romahub.pages.tests.factories import make_guide
from romahub.pages.translation_status import (
    AWAITING_REVIEW,
    NOT_PUBLISHED,
    OUT_OF_DATE,
    REVIEWED,
    TO_TRANSLATE,
    UNTRANSLATED,
    status_for,
    translation_report,
)
from romahub.pages.translation_sync import PREVIOUS_TRANSLATION


@pytest.fixture
def slovak():
    return Locale.objects.get(language_code="sk")


@pytest.mark.django_db
def test_starter_translations_await_community_review(slovak):
    guide = GuidePage.objects.filter(locale__language_code="en").first()
    assert status_for(guide, slovak).status == AWAITING_REVIEW
    assert guide.get_translation(slovak).specific.awaiting_community_review


@pytest.mark.django_db
def test_review_marks_reviewed_until_the_translation_changes(slovak):
    guide = GuidePage.objects.filter(locale__language_code="en").first()
    target = guide.get_translation(slovak)
    CommunityReview.objects.create(page=target, reviewed_at=timezone.now())
    assert status_for(guide, slovak).status == REVIEWED
    assert not target.specific.awaiting_community_review
    target.specific.save_revision().publish()
    assert status_for(guide, slovak).status == AWAITING_REVIEW


@pytest.mark.django_db
def test_an_english_change_reaches_the_translation_with_its_previous_text_offered(slovak):
    guide = GuidePage.objects.filter(locale__language_code="en").first().specific
    old_slovak = guide.get_translation(slovak).specific.summary
    guide.summary = "A changed summary."
    guide.save_revision().publish()
    guide.refresh_from_db()
    cell = status_for(guide, slovak)
    # Not "awaiting community review": one text must be checked, and the report says how many.
    assert cell.status == TO_TRANSLATE and cell.numbers["left"] == 1 and cell.numbers["total"] > 1
    assert "1 of" in str(cell.label)
    offered = StringTranslation.objects.get(tool_name=PREVIOUS_TRANSLATION, locale=slovak)
    assert offered.data == old_slovak and offered.translation_of.data == "A changed summary."


@pytest.mark.django_db
def test_a_page_never_synced_is_out_of_date_with_both_dates(slovak):
    from wagtail_localize.models import TranslationSource

    guide = GuidePage.objects.filter(locale__language_code="en").first().specific
    TranslationSource.objects.filter(object_id=guide.translation_key).delete()
    guide.summary = "Changed again."
    guide.save_revision().publish()
    guide.refresh_from_db()
    cell = status_for(guide, slovak)
    assert cell.status == OUT_OF_DATE
    label = str(cell.label)
    assert "changed on" in label and str(guide.last_published_at.year) in label and "(" in label


@pytest.mark.django_db
def test_a_translator_takes_a_changed_english_page_to_a_published_translation_alone(
    client, slovak, django_user_model, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group
    from wagtail_localize.models import StringSegment

    from romahub.core.roles import TRANSLATORS
    from romahub.pages.translation_sync import source_of

    translator = django_user_model.objects.create_user("tr", "tr@example.org", "a long pass phrase 1")
    translator.groups.add(Group.objects.get(name=TRANSLATORS))
    guide = GuidePage.objects.filter(locale__language_code="en").first().specific
    guide.summary = "A changed summary."
    guide.save_revision(user=None).publish()  # an editor publishes the English
    guide.refresh_from_db()
    target = guide.get_translation(slovak).specific
    assert status_for(guide, slovak).status == TO_TRANSLATE
    # The translator needs no sync of their own: the changed text is already in their editor.
    client.force_login(translator)
    assert client.get(f"/admin/pages/{target.pk}/edit/", follow=True).status_code == 200
    assert not guide.permissions_for_user(translator).can_edit()  # and they still cannot touch the English
    # They translate the changed text (the editor saves it as their own) and publish.
    source = source_of(guide)
    segment = StringSegment.objects.get(source=source, string__data="A changed summary.")
    offered = StringTranslation.objects.get(translation_of=segment.string, context=segment.context, locale=slovak)
    offered.data, offered.translation_type, offered.tool_name, offered.last_translated_by = (
        "Zmenené zhrnutie.", StringTranslation.TRANSLATION_TYPE_MANUAL, "", translator)
    offered.save()
    assert status_for(guide, slovak).status == NOT_PUBLISHED
    assert target.permissions_for_user(translator).can_publish()
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        source.translations.get(target_locale=slovak).save_target(user=translator, publish=True)
    target.refresh_from_db()
    assert target.summary == "Zmenené zhrnutie."
    assert status_for(guide, slovak).status == AWAITING_REVIEW  # true at every step


@pytest.mark.django_db
def test_new_english_page_is_reported_untranslated(slovak):
    from wagtail_localize.synctree import create_aliases_for_new_page

    guide = make_guide(slug="needs-translating")
    create_aliases_for_new_page(guide)
    assert status_for(guide, slovak).status == UNTRANSLATED
    _, rows = translation_report(only_needing_work=True)
    assert guide.pk in [page.pk for page, _ in rows]


@pytest.mark.django_db
def test_report_page_lists_statuses(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("r", "r@example.org", "a-long-enough-password-1"))
    body = client.get("/admin/reports/translation-status/").content.decode()
    assert 'data-status="awaiting-review"' in body


@pytest.mark.django_db
def test_saving_an_english_page_in_the_editor_changes_no_text_of_its_own(slovak):
    """The starter rich text is stored as Wagtail's editor stores it, so an editor who changes one
    text leaves one text for each translator, not every text with bold in it."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
    from wagtail.rich_text import features

    editor = ContentstateConverter(features.get_default_features())
    guide = GuidePage.objects.get(locale__language_code="en", slug="children-services-contacted-you")
    assert "<b>" in str(guide.body.raw_data)
    # What the editor's form posts back: every rich text through Draftail and back again.
    raw = guide.body.raw_data
    for block in raw:
        def round_trip(value):
            if isinstance(value, dict):
                return {key: round_trip(item) for key, item in value.items()}
            if isinstance(value, list):
                return [round_trip(item) for item in value]
            if isinstance(value, str) and value.lstrip().startswith("<"):
                return editor.to_database_format(editor.from_database_format(value))
            return value
        block["value"] = round_trip(block["value"])
    guide.body = raw
    guide.summary = "A changed summary."
    guide.save_revision().publish()
    cell = status_for(guide, slovak)
    assert cell.status == TO_TRANSLATE and cell.numbers["left"] == 1
