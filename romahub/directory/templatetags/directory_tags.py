from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from romahub.directory.models import tel_uri_number
from romahub.directory.result_html import results_html

register = template.Library()


@register.simple_tag
def directory_map(list_id: str):
    """The "show on a map" control for the list with this id; the map itself is drawn by map.js.

    The same for every page in a language: made once per process (it was a tenth of the search
    page's rendering)."""
    return _map_html(get_language(), list_id, settings.MAP_TILE_URL, settings.MAP_TILE_ATTRIBUTION)


@lru_cache(maxsize=64)
def _map_html(language: str, list_id: str, tiles: str, attribution: str) -> str:
    context = {"list_id": list_id, "tiles": tiles, "attribution": attribution if tiles else ""}
    return render_to_string("directory/includes/_map.html", context)


@register.simple_tag
def field_widget(field):
    """The field's input, tied to its hint and error by aria-describedby (GOV.UK's pattern)."""
    described = []
    attrs = {}
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.simple_tag
def search_results(results):
    """The results' list items (romahub/directory/result_html.py)."""
    return mark_safe(results_html(results))  # noqa: S308 (escaped there)


@register.simple_tag
def select_options(field):
    """A select's options, the current one selected. In Python, and each list of options made
    once per process: a template loop over the 153 council areas was a third of the search
    page's rendering."""
    value = field.value()
    current = "" if value is None else str(value)
    choices = tuple((str(choice), str(label)) for choice, label in field.field.choices)
    options = _options_html(choices)
    if current in {choice for choice, _label in choices}:
        chosen = str(format_html('<option value="{}">', current))
        options = options.replace(chosen, chosen[:-1] + " selected>", 1)
    return mark_safe(options)  # noqa: S308 (escaped by format_html)


@lru_cache(maxsize=64)
def _options_html(choices: tuple) -> str:
    return format_html_join("", '<option value="{}">{}</option>', choices)


@register.simple_tag
def checkbox_options(field):
    """A multiple choice's boxes, the chosen ones ticked: as Django's widget would draw them, in
    Python (its template for each box was a tenth of the search page's rendering)."""
    chosen = {str(value) for value in (field.value() or [])}
    return format_html_join("", (
        '<div class="field--checkbox"><input type="checkbox" name="{}" value="{}" id="{}_{}"{}>'
        '<label for="{}_{}">{}</label></div>'
    ), (
        (field.html_name, value, field.auto_id, number, mark_safe(" checked") if value in chosen else "", field.auto_id, number, label)
        for number, (value, label) in enumerate((str(value), label) for value, label in field.field.choices)
    ))


@register.filter
def tel_uri(number: str) -> str:
    return tel_uri_number(number)


@register.filter
def card_url(card) -> str:
    """A search index card's service page (the index keeps the id as the database's text)."""
    import uuid

    from django.urls import reverse

    return reverse("directory:service", args=[uuid.UUID(card.pk)])
