"""A list of resources as HTML, built in Python (the library's results, a section's resources).

As a template included once per resource, the fourteen resources of the Parents section were
a third of that page's render (issue 18: an uncached page in ≤ 8 ms); the markup is what the
template made, and the strings are the same messages, so translations carry over. As
romahub/directory/result_html.py does for search results.
"""

from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from romahub.core.languages import language_name
from romahub.resources.models import Resource

_ANY_SLUG = "any-resource-slug"


class _Words:
    """The interface words each resource shows, translated and escaped once per list."""

    def __init__(self):
        self.kind, self.cost, self.languages = esc(_("Kind")), esc(_("Cost")), esc(_("Languages"))
        self.access, self.needs_login = esc(_("Access")), esc(_("You need an account to read it"))
        self.free = esc(_("Free"))
        # Model.get_FOO_display() hashes every lazily translated choice on each call.
        self.kinds = {value: esc(label) for value, label in Resource._meta.get_field("kind").flatchoices}
        self.costs = {value: esc(label) for value, label in Resource._meta.get_field("cost").flatchoices}


def resources_html(resources, *, level: int = 3, summary_words: int = 40) -> SafeString:
    current = get_language()
    link = reverse("resources:resource", args=[_ANY_SLUG])
    words = _Words()
    return mark_safe("".join(  # noqa: S308 - every value below is escaped
        resource_html(resource, link.replace(_ANY_SLUG, resource.slug), words, current, level, summary_words)
        for resource in resources
    ))


def resource_html(resource, url: str, words: _Words, current: str, level: int, summary_words: int) -> str:
    title_lang = f' lang="{esc(resource.title_language)}"' if resource.title_language != current else ""
    summary_lang = f' lang="{esc(resource.summary_language)}"' if resource.summary_language != current else ""
    year = f", {esc(resource.year)}" if resource.year else ""
    summary = Truncator(str(resource.display_summary)).words(summary_words, truncate=" …")
    languages = ", ".join(language_name(code) for code in resource.language_codes)
    access = (f"<div><dt>{words.access}</dt><dd>{words.needs_login}</dd></div>" if resource.needs_login else "")
    return (
        f'<li class="result resource">\n'
        f'  <h{level} class="result__title"><a href="{esc(url)}"{title_lang}>{esc(resource.title)}</a></h{level}>\n'
        f'  <p class="result__org">{esc(resource.publisher)}{year}</p>\n'
        f"  <p{summary_lang}>{esc(summary)}</p>\n"
        f'  <dl class="facts">\n'
        f"    <div><dt>{words.kind}</dt><dd>{words.kinds.get(resource.kind, esc(resource.kind))}</dd></div>\n"
        f"    <div><dt>{words.cost}</dt><dd>{cost_html(resource, words)}</dd></div>\n"
        f"    <div><dt>{words.languages}</dt><dd>{esc(languages)}</dd></div>\n"
        f"    {access}\n"
        f"  </dl>\n"
        f"</li>"
    )


def cost_html(resource, words: _Words) -> str:
    if resource.cost == "free":
        return words.free
    price = f" · {esc(resource.price)}" if resource.price else ""
    return (f'<span class="cost-label cost-label--{esc(resource.cost)}">{words.costs.get(resource.cost, esc(resource.cost))}{price}</span> '
            f'<span class="cost-explanation">{esc(resource.cost_explanation)}</span>')
