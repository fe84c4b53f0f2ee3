from django import template

from romahub.core.languages import language_name
from romahub.resources.models import AUDIENCES
from romahub.resources.result_html import resources_html

register = template.Library()
_AUDIENCE_NAMES = dict(AUDIENCES)


@register.filter
def language_names(codes) -> str:
    return ", ".join(language_name(code) for code in codes)


@register.filter
def audience_names(codes) -> str:
    return ", ".join(str(_AUDIENCE_NAMES.get(code, code)) for code in codes)


@register.simple_tag
def resource_items(resources, level=3, summary_words=40):
    """{% resource_items resources level=4 summary_words=20 %}: each resource as a list item."""
    return resources_html(resources, level=level, summary_words=summary_words)
