import pytest
from django.utils import timezone
from wagtail.models import Locale

from romahub.pages.models import CommunityReview, GuidePage
from romahub.pages.tests.factories import make_guide
from romahub.pages.translation_status import (
    AWAITING_REVIEW,
    OUT_OF_DATE,
    REVIEWED,
    UNTRANSLATED,
    status_for,
    translation_report,
)


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
def test_english_change_makes_translations_out_of_date(slovak):
    guide = GuidePage.objects.filter(locale__language_code="en").first().specific
    guide.summary = "A changed summary."
    guide.save_revision().publish()
    guide.refresh_from_db()
    assert status_for(guide, slovak).status == OUT_OF_DATE


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
