import json

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from romahub.core.dates import long_date as format_long_date
from romahub.core.print_links import with_print_addresses

register = template.Library()


def _home_urls(request) -> dict[str, str]:
    """The home page of each language (the root of each locale's tree)."""
    urls = {}
    for page in Page.objects.filter(depth=2).live().select_related("locale"):
        url = page.get_url(request)
        if url:
            urls.setdefault(page.locale.language_code, url)
    return urls


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language for the switcher and the hreflang alternates.

    On a Wagtail page each entry leads to the same page in that language (or to that language's
    home page where the page has no version in it); elsewhere, to the same URL under the
    other language prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    translations: dict[str, str] = {}
    if isinstance(page, Page) and page.pk and hasattr(page, "language_addresses"):
        translations, fallback = page.language_addresses(request)  # the hub's pages know their tree
    elif isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().public().select_related("locale"):
            url = translation.get_url(request)
            if url:
                translations[translation.locale.language_code] = url
        fallback = _home_urls(request)
    else:
        path = request.get_full_path()
        translations = {code: translate_url(path, code) for code, _ in settings.LANGUAGES}
        fallback = {}
    links = []
    for code, name in settings.LANGUAGES:
        url = translations.get(code) or fallback.get(code) or f"/{code}/"
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "switch_url": reverse("switch-language", args=[code]) + "?" + urlencode({"next": url}),
                "current": code == current,
                "has_translation": code in translations,
            }
        )
    return links


@register.filter
def jsonld(value):
    """Embed JSON-LD safely: no sequence in the data can close the script element."""
    if not value:
        return ""
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False)
    value = value.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # Safe: <, > and & are escaped above, so nothing in the data can end the element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(value))  # noqa: S308


@register.simple_tag(takes_context=True)
def absolute_url(context):
    request = context["request"]
    return request.build_absolute_uri(request.path)


@register.filter(needs_autoescape=False)
def print_addresses(html, request):
    """Print-only full addresses after the hub's own links (core/print_links.py)."""
    return mark_safe(with_print_addresses(str(html), f"{request.scheme}://{request.get_host()}"))  # noqa: S308 - the markup is the template's own


@register.simple_tag
def active_locale():
    return Locale.get_active()


@register.filter
def long_date(value):
    """A date written out in the reader's language (see romahub.core.dates)."""
    from datetime import datetime

    from django.utils import timezone

    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_long_date(value) if value else ""
