"""Every Slovak and Romanian text in the hub uses the termbase's rendering of each term: the pages,
the glossary's definitions, the resources, the directory, the Mishto charter, the councils' details
and the interface's translations (.po). A forbidden variant anywhere fails, with where it is."""

import json
import re
from pathlib import Path

import polib
import pytest

from romahub.pages.termbase import rules, violations

ROOT = Path(__file__).resolve().parents[3]
DATA_FILES = sorted(
    [*(ROOT / "romahub/pages/starter_content/data").rglob("*.json"), ROOT / "romahub/resources/data/resources.json",
     ROOT / "romahub/directory/data/starter_services.json", ROOT / "romahub/mishto/data/charter.json",
     ROOT / "romahub/places/data/local_details.json"]
)
# The glossary's own lists: the variants it forbids, and the aliases it links from (readers may
# still search for a variant; the glossary then takes them to the hub's one term).
NOT_RUNNING_TEXT = {"forbidden", "aliases"}


def texts_in(value, language, key_path=()):
    """(where, text) for every string in `language` in a JSON tree: under a key named `sk`/`ro`,
    or in a field whose name ends with `_sk`/`_ro`."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in NOT_RUNNING_TEXT:
                continue
            yield from texts_in(item, language, (*key_path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts_in(item, language, (*key_path, str(index)))
    elif isinstance(value, str):
        if language in key_path or (key_path and key_path[-1].endswith(f"_{language}")):
            yield "/".join(key_path), re.sub(r"<[^>]+>", " ", value)


def every_text(language):
    for path in DATA_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for where, text in texts_in(data, language):
            yield f"{path.relative_to(ROOT)}:{where}", text
    catalogue = polib.pofile(str(ROOT / f"locale/{language}/LC_MESSAGES/django.po"))
    for entry in catalogue:
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:
                yield f"locale/{language}:{entry.msgid[:50]}", text


@pytest.mark.parametrize("language", ["sk", "ro"])
def test_no_text_uses_a_forbidden_variant(language):
    found = [f"{where}: {words!r} (use {rule.use!r})" for where, text in every_text(language)
             for rule, words in violations(text, language)]
    assert not found, "\n".join(found)


def test_the_termbase_has_rules_for_the_terms_reviewers_found_in_several_renderings():
    slugs = {(rule.language, rule.source) for rule in rules()}
    for needed in [("sk", "section-47-enquiry"), ("sk", "solicitor"), ("sk", "review-child-protection-conference"),
                   ("sk", "care-order"), ("sk", "advocate"), ("ro", "child-protection-conference"),
                   ("ro", "significant-harm"), ("ro", "conference-record"), ("ro", "public-law-outline"),
                   ("sk", "false friend"), ("ro", "false friend")]:
        assert needed in slugs, needed


@pytest.mark.parametrize("language,text,forbidden", [
    ("sk", "Začalo sa prešetrovanie podľa paragrafu 47.", True),
    ("sk", "Začalo sa prešetrenie podľa oddielu 47.", False),
    ("sk", "Na revíznej konferencii sa rozhodlo.", True),
    ("sk", "Súd vydal príkaz o starostlivosti.", True),
    ("sk", "Súd vydal rozhodnutie o starostlivosti.", False),
    ("ro", "A avut loc o conferință de protecție a copilului.", True),
    ("ro", "A avut loc o conferință pentru protecția copilului.", False),
    ("ro", "Nu vă supărați dacă nu înțelegeți.", True),
    ("ro", "Ați primit minuta conferinței?", True),
    ("ro", "Întâlnirea durează 15 minute.", False),
])
def test_the_rules_catch_inflected_variants_and_spare_the_right_words(language, text, forbidden):
    assert bool(violations(text, language)) is forbidden
