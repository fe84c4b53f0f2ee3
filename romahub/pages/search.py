"""Site search over the reader's language: pages through Wagtail's search backend, glossary
terms by a simple match. No request needed, so it is tested directly."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.models import Locale, Page

from romahub.pages.blocks import TOOLS, tool_words
from romahub.pages.models import GlossaryTerm

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50


def clean_query(raw: str | None) -> str:
    """Collapse whitespace, drop control characters and cut to a sane length."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


_WORD = re.compile(r"\w+")


def search_words(query: str) -> list[str]:
    """The words of a query, lower-cased, and nothing else.

    Only words reach the full-text backend: quotes, `*`, `-`, `^`, `:`, brackets and the
    upper-case operators (OR, AND, NOT, NEAR) are query syntax to SQLite's FTS5 and PostgreSQL,
    and a lone `"` was a server error. Lower case makes "OR" a plain word again.
    """
    return [word.lower() for word in _WORD.findall(query)]


@dataclass
class SearchResults:
    query: str
    pages: list
    terms: list
    tools: list = field(default_factory=list)  # the hub's tools (planner, directory, Mishto), as TOOLS entries

    @property
    def count(self) -> int:
        return len(self.pages) + len(self.terms) + len(self.tools)


def matching_tools(words: list[str]) -> list[dict]:
    """The tools a search's words name, by their title, description and keywords in the reader's
    language: the tools are views, not pages, so the page index cannot find them."""
    wanted = {word for word in words if len(word) >= 3}
    return [tool for tool in TOOLS.values() if wanted & tool_words(tool)]


def search_hub(query: str, locale: Locale) -> SearchResults:
    query = clean_query(query)
    all_words = search_words(query)
    if not all_words:
        return SearchResults(query=query, pages=[], terms=[])
    pages = list(
        Page.objects.live()
        .public()
        .filter(locale=locale, depth__gt=2)
        .specific()
        .search(" ".join(all_words), operator="or")[:MAX_RESULTS]
    )
    words = [word for word in all_words if len(word) >= 3] or all_words
    term_filter = Q()
    for word in words:
        term_filter |= Q(term__icontains=word) | Q(aliases__icontains=word)
    terms = list(GlossaryTerm.objects.public().filter(term_filter, locale=locale).order_by("term")[:10])
    return SearchResults(query=query, pages=pages, terms=terms, tools=matching_tools(all_words))
