"""Site search over the reader's language: pages through Wagtail's search backend, glossary
terms by a simple match. No request needed, so it is tested directly."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50


def clean_query(raw: str | None) -> str:
    """Collapse whitespace, drop control characters and cut to a sane length."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass
class SearchResults:
    query: str
    pages: list
    terms: list

    @property
    def count(self) -> int:
        return len(self.pages) + len(self.terms)


def search_hub(query: str, locale: Locale) -> SearchResults:
    from romahub.pages.models import GlossaryTerm

    query = clean_query(query)
    if not query:
        return SearchResults(query="", pages=[], terms=[])
    pages = list(
        Page.objects.live()
        .public()
        .filter(locale=locale, depth__gt=2)
        .specific()
        .search(query, operator="or")[:MAX_RESULTS]
    )
    words = [word for word in query.split() if len(word) >= 3] or [query]
    term_filter = Q()
    for word in words:
        term_filter |= Q(term__icontains=word) | Q(aliases__icontains=word)
    terms = list(GlossaryTerm.objects.filter(term_filter, locale=locale).order_by("term")[:10])
    return SearchResults(query=query, pages=pages, terms=terms)
