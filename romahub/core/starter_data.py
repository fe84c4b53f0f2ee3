"""Starter data that every app loads the same way: one error type, and translations seeded
through wagtail-localize exactly as if a translator had typed them into its editor."""

import re

import polib
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

# StreamField block ids differ between a source and its copy; the shape of a path does not.
_BLOCK_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|None")


class StarterContentError(Exception):
    """Starter data that is not valid, or cannot be loaded as it is."""


def _string_segments(instance) -> list[StringSegmentValue]:
    return [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]


def _shape(path: str) -> str:
    return _BLOCK_ID.sub("*", path)


def seed_translation(source_obj, locale: Locale, target_obj) -> None:
    """Store `target_obj`'s text as the wagtail-localize translation of `source_obj` and publish.

    `target_obj` is an unsaved copy of the source with its translatable fields in the target
    language; its segments are paired with the source's one by one.
    """
    source, _ = TranslationSource.get_or_create_from_instance(source_obj)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    source_segments = _string_segments(source_obj)
    target_segments = _string_segments(target_obj)
    if [_shape(s.path) for s in source_segments] != [_shape(s.path) for s in target_segments]:
        raise StarterContentError(
            f"{source_obj!r} → {locale.language_code}: the translation does not have the "
            "same segments as the English source."
        )
    po = polib.POFile(wrapwidth=200)
    po.metadata = {"X-WagtailLocalize-TranslationID": str(translation.uuid)}
    for src, tgt in zip(source_segments, target_segments, strict=True):
        po.append(polib.POEntry(msgid=src.string.data, msgctxt=src.path, msgstr=tgt.string.data))
    warnings = translation.import_po(po, tool_name="starter content")
    if warnings:
        raise StarterContentError(f"{source_obj!r} → {locale.language_code}: {warnings}")
    if isinstance(source_obj, Page):
        # Publish now, from a fresh copy of the revision: wagtail-localize would defer the
        # publish to the end of the transaction and then write back a stale tree position.
        translation.save_target(publish=False)
        target = source_obj.get_translation(locale)
        Revision.objects.get(pk=target.latest_revision_id).publish()
    else:
        translation.save_target(publish=True)


def target_copy(obj, values: dict):
    """An unsaved copy of `obj` carrying the target language's values, for segment extraction."""
    clone = (
        obj.specific.__class__.objects.get(pk=obj.pk)
        if isinstance(obj, Page)
        else obj.__class__.objects.get(pk=obj.pk)
    )
    for name, value in values.items():
        setattr(clone, name, value)
    return clone
