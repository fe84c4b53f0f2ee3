from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))


def test_every_language_has_a_catalogue():
    languages = {path.parts[-3] for path in CATALOGUES}
    assert languages == {code for code, _ in settings.LANGUAGES} - {settings.LANGUAGE_CODE}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_catalogue_is_complete(path):
    po = polib.pofile(str(path))
    assert po.percent_translated() == 100
    assert not po.fuzzy_entries()
    assert not po.untranslated_entries()


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_placeholders_survive_translation(path):
    import re

    pattern = re.compile(r"%\(\w+\)s|\{\{\s*\w+\s*\}\}|<a [^>]*>")
    for entry in polib.pofile(str(path)):
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        targets = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        expected = sorted(set(pattern.findall(" ".join(sources))))
        for target in targets:
            assert sorted(set(pattern.findall(target))) == expected, entry.msgid


def test_romanian_uses_comma_below_letters():
    path = Path(settings.BASE_DIR, "locale/ro/LC_MESSAGES/django.po")
    text = path.read_text(encoding="utf-8")
    assert not any(ch in text for ch in "şţŞŢ")
