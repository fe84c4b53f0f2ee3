from django import template
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.inclusion_tag("directory/includes/_map.html")
def directory_map(list_id: str):
    """The "show on a map" control for the list with this id; the map itself is drawn by map.js."""
    return {
        "list_id": list_id,
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION if settings.MAP_TILE_URL else "",
    }


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
def select_options(field):
    """A select's options, the current one selected. In Python: a template loop over the 153
    council areas was a third of the search page's rendering."""
    value = field.value()
    current = "" if value is None else str(value)
    return format_html_join(
        "", '<option value="{}"{}>{}</option>',
        ((str(choice), mark_safe(" selected") if str(choice) == current else "", label) for choice, label in field.field.choices),
    )
