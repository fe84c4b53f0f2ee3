"""Link the glossary terms used in a guide to their explanation.

Plain functions over HTML strings, tested without a database. Only text outside links,
headings, buttons and FAQ questions is touched, and each term is linked once (its first use),
so the page stays readable and a screen reader does not announce the same link again and again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

_TAG = re.compile(r"(<[^>]+>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
# Text inside these elements is never linked.
SKIP_ELEMENTS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "button", "script", "style"}


@dataclass(frozen=True)
class TermForms:
    slug: str
    forms: tuple[str, ...]


def build_pattern(terms: Iterable[TermForms]) -> tuple[re.Pattern | None, dict[str, str]]:
    """One regular expression for every form of every term: at each place, the longest form wins."""
    return _pattern_for(tuple(terms))


@functools.lru_cache(maxsize=16)
def _pattern_for(terms: tuple[TermForms, ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    # Memoised: each language's terms change only when an editor publishes one.
    slug_for_form: dict[str, str] = {}
    for term in terms:
        for form in term.forms:
            slug_for_form.setdefault(form.casefold(), term.slug)
    if not slug_for_form:
        return None, {}
    return re.compile(rf"(?<!\w)({_trie(slug_for_form)})(?!\w)", re.IGNORECASE), slug_for_form


def _trie(forms: Iterable[str]) -> str:
    """The forms as a prefix tree ("care order", "care plan" → "care (?:order|plan)").

    A plain alternation of a hundred forms makes the regular expression engine try each of them
    at every letter of a guide; the tree tries one letter at a time. Where a form ends inside a
    longer one, the longer is tried first (a greedy optional group), so the longest form that
    ends at a word boundary wins, as longest-first alternation would.
    """
    root: dict = {}
    for form in forms:
        node = root
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(root)


def link_terms(html: str, terms: Iterable[TermForms], glossary_url: str) -> str:
    """Return `html` with the first use of each term linked to `glossary_url#<slug>`."""
    pattern, slug_for_form = build_pattern(terms)
    if pattern is None or not glossary_url:
        return html
    linked: set[str] = set()
    skip_depth = 0
    out: list[str] = []

    def replace(match: re.Match) -> str:
        text = match.group(0)
        slug = slug_for_form[text.casefold()]
        if slug in linked:
            return text
        linked.add(slug)
        href = escape(f"{glossary_url}#{slug}", quote=True)
        return f'<a class="glossary-link" href="{href}">{text}</a>'

    for piece in _TAG.split(html):
        if not piece:
            continue
        if piece.startswith("<"):
            tag = _TAG_NAME.match(piece)
            if tag and tag.group(2).lower() in SKIP_ELEMENTS and not piece.endswith("/>"):
                skip_depth += -1 if tag.group(1) else 1
                skip_depth = max(skip_depth, 0)
            out.append(piece)
        elif skip_depth:
            out.append(piece)
        else:
            out.append(pattern.sub(replace, piece))
    return "".join(out)
