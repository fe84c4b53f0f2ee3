"""The hub's termbase: one Slovak and one Romanian rendering for each official English term.

The glossary is the termbase (starter_content/data/glossary.json): each term's `sk` and `ro`
entries give the rendering readers see, and its `forbidden` lists, per language, the variants that must not appear
in running text anywhere in the hub (regular expressions, matched as whole words, case-insensitive,
so a pattern with `\\w*` catches every inflected form). False friends, words that look right and mean
something else, are listed here. docs/termbase.md records the choices and the reasons.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from romahub.pages.starter_content.validate import DATA_DIR


@dataclass(frozen=True)
class Forbidden:
    language: str
    pattern: re.Pattern
    use: str  # what to write instead
    source: str  # the glossary term's slug, or "false friend"


# (language, pattern, what to write instead, why)
FALSE_FRIENDS = (
    ("sk", r"právn\w* spôsobilos\w*", "schopnosť poradiť si s právnymi problémami",
     "'právna spôsobilosť' is legal capacity (the capacity to have rights), not legal capability"),
    ("ro", r"capacitat\w* juridic\w*", "capacitatea de a se descurca în probleme juridice",
     "'capacitate juridică' is legal capacity, not legal capability"),
    ("ro", r"(se )?supăr\w*|supără\w*", "a fi tulburat, a fi îngrijorat",
     "'a se supăra' means to get angry, not to be upset"),
)


def _compile(pattern: str) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


@cache
def rules() -> tuple[Forbidden, ...]:
    found = []
    for term in json.loads((DATA_DIR / "glossary.json").read_text(encoding="utf-8")):
        for language, patterns in term.get("forbidden", {}).items():
            found += [Forbidden(language, _compile(p), term[language]["term"], term["slug"]) for p in patterns]
    found += [Forbidden(language, _compile(p), use, "false friend") for language, p, use, _why in FALSE_FRIENDS]
    return tuple(found)


def violations(text: str, language: str) -> list[tuple[Forbidden, str]]:
    """Each forbidden variant in `text`, with the words it matched."""
    return [(rule, match.group(0)) for rule in rules() if rule.language == language
            for match in rule.pattern.finditer(text)]
