"""Which pages are untranslated, out of date, or awaiting community review, per language.

Plain functions over the page tree, used by the admin report (Reports → Translation status).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from romahub.pages.models import CommunityReview

MISSING = "missing"
UNTRANSLATED = "untranslated"
OUT_OF_DATE = "out-of-date"
AWAITING_REVIEW = "awaiting-review"
REVIEWED = "reviewed"

LABELS = {
    MISSING: _("Not translated (no page)"),
    UNTRANSLATED: _("Not translated (English shown)"),
    OUT_OF_DATE: _("Out of date: English changed since"),
    AWAITING_REVIEW: _("Awaiting community review"),
    REVIEWED: _("Reviewed"),
}
NEEDS_WORK = {MISSING, UNTRANSLATED, OUT_OF_DATE, AWAITING_REVIEW}


@dataclass
class Cell:
    status: str
    page: Page | None

    @property
    def label(self):
        return LABELS[self.status]


def status_for(source: Page, locale: Locale) -> Cell:
    target = source.get_translation_or_none(locale)
    if target is None:
        return Cell(MISSING, None)
    if target.alias_of_id:
        return Cell(UNTRANSLATED, target)
    synced = (
        TranslationSource.objects.filter(object_id=source.translation_key, locale_id=source.locale_id)
        .values_list("last_updated_at", flat=True)
        .first()
    )
    english_changed = source.last_published_at
    reference = synced or target.last_published_at
    if english_changed and reference and english_changed > reference:
        return Cell(OUT_OF_DATE, target)
    if CommunityReview.awaits(target):
        return Cell(AWAITING_REVIEW, target)
    return Cell(REVIEWED, target)


def translation_report(only_needing_work: bool = False) -> tuple[list[Locale], list[tuple[Page, list[Cell]]]]:
    default = Locale.get_default()
    locales = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
    rows = []
    english_pages = (
        Page.objects.filter(locale=default, depth__gt=1, alias_of__isnull=True).live().order_by("path")
    )
    for page in english_pages:
        cells = [status_for(page, locale) for locale in locales]
        if only_needing_work and not any(cell.status in NEEDS_WORK for cell in cells):
            continue
        rows.append((page, cells))
    return locales, rows
