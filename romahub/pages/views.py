from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page

from romahub.pages.models import GlossaryPage
from romahub.pages.search import search_hub


@require_GET
def search(request):
    locale = Locale.get_active()
    results = search_hub(request.GET.get("q", ""), locale)
    glossary = GlossaryPage.objects.live().filter(locale=locale).first()
    response = render(
        request,
        "pages/search.html",
        {"results": results, "query": results.query, "glossary_page": glossary},
    )
    return response


@require_GET
def sitemap(request):
    """Every live public page in every language, with its hreflang alternates."""
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .select_related("locale")
        .order_by("translation_key", "locale__language_code")
    )
    by_key: dict = {}
    for page in pages:
        by_key.setdefault(page.translation_key, []).append(page)

    def absolute(page):
        # The request's own host: the Wagtail Site record may still say "localhost".
        url = page.get_url(request)
        return request.build_absolute_uri(url) if url else None

    entries = []
    for group in by_key.values():
        alternates = [(p.locale.language_code, absolute(p)) for p in group if absolute(p)]
        for page in group:
            url = absolute(page)
            if url:
                entries.append({"loc": url, "lastmod": page.last_published_at, "alternates": alternates})
    entries += _directory_entries(request)
    xml = render_to_string("pages/sitemap.xml", {"entries": entries})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


def _directory_entries(request) -> list[dict]:
    """The Mishto pages, the directory, the resources library and each service and resource, in every language."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    from romahub.directory.models import Service

    def in_every_language(name, args=()):
        urls = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                urls.append((code, request.build_absolute_uri(reverse(name, args=args))))
        return urls

    entries = []
    from romahub.mishto.charter import current_version
    from romahub.mishto.models import Participation
    from romahub.resources.library import sources as resource_sources

    charter = current_version()
    targets = [("mishto:pledges", (), None)] if charter else []
    targets += [("mishto:register", (), None)] + [
        ("mishto:authority", (slug,), None)
        for slug in Participation.objects.order_by("authority__name").values_list(
            "authority__slug", flat=True
        )
    ]
    targets += [("directory:search", (), None)] + [
        ("directory:service", (service.pk,), service.last_modified)
        for service in Service.objects.shown().only("id", "last_modified").order_by("name")
    ]
    targets += [("resources:library", (), None)] + [
        ("resources:resource", (slug,), None)
        for slug in resource_sources().order_by("slug").values_list("slug", flat=True)
    ]
    for name, args, lastmod in targets:
        alternates = in_every_language(name, args)
        entries += [{"loc": url, "lastmod": lastmod, "alternates": alternates} for _code, url in alternates]
    return entries


@require_GET
def robots(request):
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
