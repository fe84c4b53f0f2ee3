"""The site's navigation: home, glossary and footer pages in the reader's language (English where
missing), given to every template as `hub_nav` (settings.TEMPLATES' context processors).

Kept in the cache for the current page-cache generation, so publishing a page refreshes it;
every uncached page (a search, a form) would otherwise pay for these queries. Lazy: a response
that never shows the navigation (JSON, a feed) never looks it up.
"""

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Locale

from romahub.core.middleware import request_generation
from romahub.pages.models import GlossaryPage, HomePage, InformationPage


def navigation(request) -> dict:
    return {"hub_nav": SimpleLazyObject(lambda: hub_navigation(request))}


def hub_navigation(request) -> dict:
    host = request.get_host() if request else ""
    key = f"hubnav:{request_generation(request)}:{get_language()}:{host}"
    found = cache.get(key)
    if found is None:
        found = _navigation(request)
        cache.set(key, found, 60 * 60 * 24)
    return found


def _navigation(request):
    locale = Locale.get_active()
    home = HomePage.objects.live().filter(locale=locale).first()
    if home is None:
        home = HomePage.objects.live().filter(locale=Locale.get_default()).first()
    if home is None:
        return {"home_url": f"/{get_language()}/", "glossary_url": "", "information_pages": []}
    glossary = GlossaryPage.objects.live().child_of(home).first()
    info = [
        {"title": p.title, "url": p.get_url(request)}
        for p in InformationPage.objects.live().public().child_of(home)
    ]
    return {
        "home_url": home.get_url(request),
        "glossary_url": glossary.get_url(request) if glossary else "",
        "information_pages": info,
    }
