from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("directory/includes/_map.html")
def directory_map(list_id: str):
    """The "show on a map" control for the list with this id; the map itself is drawn by map.js."""
    return {
        "list_id": list_id,
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION if settings.MAP_TILE_URL else "",
    }
