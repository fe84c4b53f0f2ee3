"""One search result as HTML, built in Python from the search index's card.

The search page shows twenty of these. As a template included twenty times they were half the
page's rendering time at 50,000 services (docs/decisions.md); the markup is what the template
made, and the strings are the same messages, so translations carry over.
"""

import uuid

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from romahub.core.languages import language_names
from romahub.directory.models import tel_uri_number
from romahub.directory.search import Result

_ANY_ID = uuid.UUID(int=0)


def results_html(results: list[Result]) -> str:
    # Once for the page, not twenty times: the address pattern and the translated words.
    link = reverse("directory:service", args=[_ANY_ID])
    words = _Words()
    return "\n".join(
        result_html(result, link.replace(str(_ANY_ID), str(uuid.UUID(result.card.pk))), words) for result in results
    )


class _Words:
    """The interface words a result uses, translated and escaped once per page."""

    def __init__(self):
        self.distance, self.languages, self.cost = escape(_("Distance")), escape(_("Languages")), escape(_("Cost"))
        self.phone, self.website = escape(_("Phone")), escape(_("Website"))
        self.costs = {"free": escape(_("Free")), "paid": escape(_("You may have to pay"))}
        self.cost_unknown = escape(_("Ask the service"))
        self.miles = _("%(miles)s miles")


def result_html(result: Result, url: str, words: _Words) -> str:
    card = result.card
    title = escape(card.title)
    place = (
        f' data-lat="{result.point[0]!r}" data-lon="{result.point[1]!r}" data-title="{title}"' if result.point else ""
    )
    facts = []
    if result.distance_miles is not None:
        miles = words.miles % {"miles": floatformat(result.distance_miles, 1)}
        facts.append(_fact(words.distance, escape(miles)))
    if card.languages:
        facts.append(_fact(words.languages, escape(language_names(card.languages))))
    facts.append(_fact(words.cost, words.costs.get(card.cost, words.cost_unknown)))
    if card.phones:
        links = (f'<a href="tel:{escape(tel_uri_number(number))}">{escape(number)}</a>' for number in card.phones)
        facts.append(_fact(words.phone, ", ".join(links)))
    elif card.url:
        shown = Truncator(card.url.replace("https://", "").replace("http://", "")).chars(40)
        facts.append(_fact(words.website, f'<a href="{escape(card.url)}">{escape(shown)}</a>'))
    return (
        f'<li class="result"{place}>\n'
        f'  <h3 class="result__title"><a href="{url}">{title}</a></h3>\n'
        f'  <p class="result__org">{escape(card.organisation)}</p>\n'
        f"  <p>{escape(Truncator(card.summary).words(30))}</p>\n"
        f'  <dl class="facts">\n    {"".join(facts)}\n  </dl>\n'
        "</li>"
    )


def _fact(term: str, value: str) -> str:
    """Both are HTML already."""
    return f"<div><dt>{term}</dt><dd>{value}</dd></div>"
