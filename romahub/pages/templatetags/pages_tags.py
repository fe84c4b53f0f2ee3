from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from romahub.pages.glossary import TermForms, link_terms
from romahub.pages.models import GlossaryPage, GlossaryTerm

register = template.Library()


def _glossary_for(locale):
    glossary_page = GlossaryPage.objects.live().filter(locale=locale).first()
    terms = [
        TermForms(slug=term.slug, forms=tuple(term.match_forms()))
        for term in GlossaryTerm.objects.public().filter(locale=locale).only("slug", "term", "aliases")
    ]
    return glossary_page, terms


class GlossaryLinkedNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        page = context.get("page")
        locale = getattr(page, "locale", None) or Locale.get_active()
        if page is not None and getattr(page, "is_untranslated", False):
            locale = page.alias_of.locale
        glossary_page, terms = _glossary_for(locale)
        if glossary_page is None:
            return html
        # The input is already-rendered, escaped template output; link_terms only inserts
        # <a> elements with escaped addresses around existing text.
        return mark_safe(link_terms(html, terms, glossary_page.get_url(context.get("request"))))  # noqa: S308


@register.tag
def glossary_linked(parser, token):
    """{% glossary_linked %}…{% endglossary_linked %}: link the first use of each term."""
    nodelist = parser.parse(("endglossary_linked",))
    parser.delete_first_token()
    return GlossaryLinkedNode(nodelist)
