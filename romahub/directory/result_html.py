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

from romahub.directory.models import tel_uri_number
from romahub.directory.search import Result

_ANY_ID = uuid.UUID(int=0)


def results_html(results: list[Result]) -> str:
    link = reverse("directory:service", args=[_ANY_ID])  # one reverse() for the page, not twenty
    return "\n".join(result_html(result, link.replace(str(_ANY_ID), str(uuid.UUID(result.card.pk)))) for result in results)


def result_html(result: Result, url: str) -> str:
    card = result.card
    title = escape(card.title)
    place = (
        f' data-lat="{result.point[0]!r}" data-lon="{result.point[1]!r}" data-title="{title}"' if result.point else ""
    )
    facts = []
    if result.distance_miles is not None:
        miles = _("%(miles)s miles") % {"miles": floatformat(result.distance_miles, 1)}
        facts.append(_fact(_("Distance"), escape(miles)))
    if card.languages:
        facts.append(_fact(_("Languages"), ", ".join(escape(name) for name in card.languages)))
    facts.append(_fact(_("Cost"), escape(_cost(card.cost))))
    if card.phones:
        links = (f'<a href="tel:{escape(tel_uri_number(number))}">{escape(number)}</a>' for number in card.phones)
        facts.append(_fact(_("Phone"), ", ".join(links)))
    elif card.url:
        shown = Truncator(card.url.replace("https://", "").replace("http://", "")).chars(40)
        facts.append(_fact(_("Website"), f'<a href="{escape(card.url)}">{escape(shown)}</a>'))
    return (
        f'<li class="result"{place}>\n'
        f'  <h3 class="result__title"><a href="{url}">{title}</a></h3>\n'
        f'  <p class="result__org">{escape(card.organisation)}</p>\n'
        f"  <p>{escape(Truncator(card.summary).words(30))}</p>\n"
        f'  <dl class="facts">\n    {"".join(facts)}\n  </dl>\n'
        "</li>"
    )


def _fact(term: str, value: str) -> str:
    """`value` is HTML already."""
    return f"<div><dt>{escape(term)}</dt><dd>{value}</dd></div>"


def _cost(cost: str) -> str:
    if cost == "free":
        return _("Free")
    if cost == "paid":
        return _("You may have to pay")
    return _("Ask the service")
