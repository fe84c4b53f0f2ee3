from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Locale

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
