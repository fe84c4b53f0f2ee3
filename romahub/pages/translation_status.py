"""Which pages are untranslated, out of date, or awaiting community review, per language.

Plain functions over the page tree, used by the admin report (Reports → Translation status).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from romahub.core.dates import long_date
from romahub.pages.models import CommunityReview
from romahub.pages.translation_sync import progress, source_of

MISSING = "missing"
UNTRANSLATED = "untranslated"
OUT_OF_DATE = "out-of-date"
AWAITING_REVIEW = "awaiting-review"
REVIEWED = "reviewed"

TO_TRANSLATE = "to-translate"
NOT_PUBLISHED = "not-published"

LABELS = {
    MISSING: _("Not translated (no page)"),
    UNTRANSLATED: _("Not translated (English shown)"),
    OUT_OF_DATE: _("Out of date: the English changed on %(english)s, after this translation (%(translated)s)"),
    TO_TRANSLATE: _("%(left)d of %(total)d texts to translate or check"),
    NOT_PUBLISHED: _("Translated, not published yet"),
    AWAITING_REVIEW: _("Awaiting community review"),
    REVIEWED: _("Reviewed"),
}
NEEDS_WORK = {MISSING, UNTRANSLATED, OUT_OF_DATE, TO_TRANSLATE, NOT_PUBLISHED, AWAITING_REVIEW}


@dataclass
class Cell:
    status: str
    page: Page | None
    numbers: dict = field(default_factory=dict)  # what the label counts, or the dates it gives

    @property
    def label(self):
        return LABELS[self.status] % self.numbers if self.numbers else LABELS[self.status]


def status_for(source: Page, locale: Locale) -> Cell:
    """The true state of one language's translation: every text counted, not only the page's dates."""
    target = source.get_translation_or_none(locale)
    if target is None:
        return Cell(MISSING, None)
    if target.alias_of_id:
        return Cell(UNTRANSLATED, target)
    snapshot = source_of(source)
    counted = progress(snapshot, locale) if snapshot else None
    if counted:
        total, translated, to_check = counted
        left = total - translated + to_check
        if left:
            return Cell(TO_TRANSLATE, target, {"left": left, "total": total})
    english_changed = source.last_published_at
    synced = snapshot.last_updated_at if snapshot else None
    # When the live translation was written: wagtail-localize publishes a translation without
    # moving the page's last_published_at, so the live revision's own date is the one to trust.
    live = target.live_revision
    translated_on = live.created_at if live else target.last_published_at
    if english_changed and (synced or translated_on) and english_changed > (synced or translated_on):
        return Cell(OUT_OF_DATE, target, {"english": long_date(english_changed), "translated": long_date(translated_on or synced)})
    if synced and english_changed and translated_on and translated_on < synced and english_changed <= synced and translated_on < english_changed:
        return Cell(NOT_PUBLISHED, target)  # every text translated since the English changed, not yet published
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
