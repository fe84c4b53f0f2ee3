"""Serving a page: Wagtail's own serve view, with the route found in the page outline.

Wagtail finds a page by walking the tree one query per level, then asks for its specific record
and its view restrictions. The outline (romahub.pages.outline) already knows which live page an
address is and whether any view restriction covers it, so a page costs one query to load. Any
address the outline does not know (a new page this process has not seen yet, a restricted page)
goes to Wagtail's view unchanged.
"""

from __future__ import annotations

from django.http import HttpResponse
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.wagtail_hooks import check_view_restrictions

from romahub.pages.outline import outline_for


def serve(request, path):
    outline = outline_for(request)
    entry = outline.at(request.path)
    model = entry.model if entry is not None and not entry.restricted else None
    page = model.objects.live().filter(pk=entry.id).first() if model is not None else None
    if page is None:
        return wagtail_views.serve(request, path)
    page.served_outline = outline

    chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is not check_view_restrictions:  # the outline says no restriction covers this page
            chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, (), {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, (), {})
