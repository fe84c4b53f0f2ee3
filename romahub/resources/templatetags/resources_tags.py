from django import template

from romahub.core.languages import language_name
from romahub.resources.models import AUDIENCES

register = template.Library()
_AUDIENCE_NAMES = dict(AUDIENCES)


@register.filter
def language_names(codes) -> str:
    return ", ".join(language_name(code) for code in codes)


@register.filter
def audience_names(codes) -> str:
    return ", ".join(str(_AUDIENCE_NAMES.get(code, code)) for code in codes)
