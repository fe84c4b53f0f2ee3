"""When an English page is published, its translations learn what changed, without anyone syncing.

wagtail-localize compares a translation with a snapshot of the English page (a TranslationSource)
that only its "Sync translated pages" action refreshes, and that action needs the right to edit the
English page, which translators do not have. So publishing English refreshes the snapshot here. Each
text that changed gets its previous translation back, marked as a suggestion to check
(PREVIOUS_TRANSLATION), so the translator edits a sentence rather than starting again, and the
report counts it as still to do until the translator saves it as their own.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

# wagtail-localize shows a "machine" translation with its tool's name: this one is what the
# translation said before the English changed.
PREVIOUS_TRANSLATION = "Previous translation: the English has changed, check it"


def source_of(page: Page) -> TranslationSource | None:
    return TranslationSource.objects.filter(object_id=page.translation_key, locale_id=page.locale_id).first()


@transaction.atomic
def sync_after_english_publish(page: Page) -> int:
    """Refresh the page's translation snapshot; returns how many previous translations were offered."""
    if page.locale_id != Locale.get_default().pk:
        return 0
    source = source_of(page)
    if source is None:
        return 0  # never translated through wagtail-localize: nothing to keep in step
    before = dict(StringSegment.objects.filter(source=source).values_list("context_id", "string_id"))
    source.update_from_db()
    offered = 0
    changed = [(context, string) for context, string in
               StringSegment.objects.filter(source=source).values_list("context_id", "string_id")
               if before.get(context) not in (None, string)]
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        locale = translation.target_locale
        for context, string in changed:
            if StringTranslation.objects.filter(translation_of_id=string, context_id=context, locale=locale).exists():
                continue
            previous = StringTranslation.objects.filter(
                translation_of_id=before[context], context_id=context, locale=locale, has_error=False
            ).first()
            if previous is None:
                continue
            StringTranslation.objects.create(
                translation_of_id=string, context_id=context, locale=locale, data=previous.data,
                translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE, tool_name=PREVIOUS_TRANSLATION,
            )
            offered += 1
    return offered


def progress(source: TranslationSource, locale: Locale) -> tuple[int, int, int] | None:
    """(texts, translated, to check) for one language, or None if that language has no translation."""
    translation = source.translations.filter(target_locale=locale).first()
    if translation is None:
        return None
    total, translated = translation.get_progress()
    strings = StringSegment.objects.filter(source=source).values_list("string_id", "context_id")
    to_check = StringTranslation.objects.filter(
        locale=locale, tool_name=PREVIOUS_TRANSLATION,
        translation_of_id__in=[string for string, _ in strings], context_id__in=[context for _, context in strings],
    ).count()
    return total, translated, to_check
