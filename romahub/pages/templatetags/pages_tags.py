from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from romahub.core.middleware import request_generation
from romahub.pages.glossary import TermForms, link_terms
from romahub.pages.models import GlossaryPage, GlossaryTerm

register = template.Library()


_glossaries: dict[tuple[int, int], tuple] = {}


def _glossary_for(locale_id: int, request):
    """(the glossary page's address, its terms) in one language, once per generation and process."""
    key = (request_generation(request), locale_id)
    found = _glossaries.get(key)
    if found is None:
        glossary_page = GlossaryPage.objects.live().filter(locale_id=locale_id).first()
        terms = tuple(
            TermForms(slug=term.slug, forms=tuple(term.match_forms()))
            for term in GlossaryTerm.objects.public().filter(locale_id=locale_id).only("slug", "term", "aliases")
        )
        found = (glossary_page.get_url(request) if glossary_page is not None else None, terms)
        for old in [k for k in _glossaries if k[0] != key[0]]:
            _glossaries.pop(old, None)
        _glossaries[key] = found
    return found


class GlossaryLinkedNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        page = context.get("page")
        locale_id = getattr(page, "locale_id", None) or Locale.get_active().pk
        if page is not None and getattr(page, "is_untranslated", False):
            locale_id = page.alias_of.locale_id
        glossary_url, terms = _glossary_for(locale_id, context.get("request"))
        if glossary_url is None:
            return html
        # The input is already-rendered, escaped template output; link_terms only inserts
        # <a> elements with escaped addresses around existing text.
        return mark_safe(link_terms(html, terms, glossary_url))  # noqa: S308


@register.tag
def glossary_linked(parser, token):
    """{% glossary_linked %}…{% endglossary_linked %}: link the first use of each term."""
    nodelist = parser.parse(("endglossary_linked",))
    parser.delete_first_token()
    return GlossaryLinkedNode(nodelist)
