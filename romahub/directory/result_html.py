"""One search result as HTML, built in Python.

The search page shows twenty of these. As a template included twenty times they were half the
page's rendering time at 50,000 services (docs/decisions.md); the markup is the same as the
service page's facts, and the strings are the same messages, so translations carry over.
"""

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from romahub.directory.search import Result


def result_html(result: Result) -> str:
    service = result.service
    title = escape(service.title)
    url = reverse("directory:service", args=[service.pk])
    located = result.location is not None and result.location.has_point
    place = (
        f' data-lat="{float(result.location.latitude)!r}" data-lon="{float(result.location.longitude)!r}" data-title="{title}"'
        if located else ""
    )
    facts = []
    if result.distance_miles is not None:
        miles = _("%(miles)s miles") % {"miles": floatformat(result.distance_miles, 1)}
        facts.append(_fact(_("Distance"), escape(miles)))
    if result.languages:
        facts.append(_fact(_("Languages"), ", ".join(escape(language.name) for language in result.languages)))
    facts.append(_fact(_("Cost"), escape(_cost(service.cost))))
    if result.phones:
        links = (format_html('<a href="tel:{}">{}</a>', phone.tel, phone.number) for phone in result.phones)
        facts.append(_fact(_("Phone"), ", ".join(links)))
    elif service.url:
        shown = Truncator(service.url.replace("https://", "").replace("http://", "")).chars(40)
        facts.append(_fact(_("Website"), format_html('<a href="{}">{}</a>', service.url, shown)))
    return (
        f'<li class="result"{place}>\n'
        f'  <h3 class="result__title"><a href="{url}">{title}</a></h3>\n'
        f'  <p class="result__org">{escape(service.organization.name)}</p>\n'
        f"  <p>{escape(Truncator(service.summary).words(30))}</p>\n"
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
