"""The page tree as a reader sees it, built once per page-cache generation in each process.

Every page render needs the same few facts about pages other than itself: which page an address
is, its ancestors for the breadcrumbs, its live translations for the language switcher, each
language's home page, whether its section shows the exit button. Wagtail answers each with a
query or two; here they come from one small in-memory outline of the live pages, rebuilt when
public data changes (romahub.core.middleware.public_data_generation), so an uncached page costs
its own record and little else (issue 18: ≤ 8 queries).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, PageViewRestriction, Site

from romahub.core.middleware import request_generation


@dataclass(frozen=True)
class OutlinePage:
    id: int
    path: str
    depth: int
    title: str
    slug: str
    language: str
    translation_key: str
    content_type_id: int
    url: str
    restricted: bool
    exit_button: bool | None = None

    @property
    def model(self):
        return ContentType.objects.get_for_id(self.content_type_id).model_class()


@dataclass
class Outline:
    site: Site | None
    pages: dict[int, OutlinePage] = field(default_factory=dict)
    by_url: dict[str, int] = field(default_factory=dict)
    by_path: dict[str, int] = field(default_factory=dict)
    by_translation: dict[str, list[int]] = field(default_factory=dict)
    _remembered: dict = field(default_factory=dict)

    def remember(self, key, make):
        """What `make()` returns, made once for this generation: public data derived for pages."""
        if key not in self._remembered:
            self._remembered[key] = make()
        return self._remembered[key]

    def add(self, entry: OutlinePage) -> None:
        self.pages[entry.id] = entry
        self.by_path[entry.path] = entry.id
        self.by_translation.setdefault(entry.translation_key, []).append(entry.id)
        if entry.url:
            self.by_url.setdefault(entry.url, entry.id)

    def at(self, url: str) -> OutlinePage | None:
        found = self.by_url.get(url)
        return self.pages[found] if found is not None else None

    def get(self, page_id: int) -> OutlinePage | None:
        return self.pages.get(page_id)

    def children(self, page_id: int, model=None) -> list[OutlinePage]:
        """The live, public pages just below one, in tree order; only of `model` if given."""
        entry = self.pages.get(page_id)
        if entry is None:
            return []
        wanted = ContentType.objects.get_for_model(model).id if model is not None else None
        return sorted(
            (child for child in self.pages.values()
             if child.depth == entry.depth + 1 and child.path.startswith(entry.path) and not child.restricted
             and (wanted is None or child.content_type_id == wanted)),
            key=lambda child: child.path,
        )

    def find(self, language: str, slug: str) -> OutlinePage | None:
        """The first live page with this slug in this language, in tree order."""
        found = [e for e in self.pages.values() if e.language == language and e.slug == slug]
        return min(found, key=lambda e: e.path) if found else None

    def ancestors(self, page_id: int) -> list[OutlinePage]:
        """From the language's home page down to the page's parent (the tree's root left out)."""
        entry = self.pages.get(page_id)
        if entry is None:
            return []
        steps = Page.steplen
        found = []
        for depth in range(2, entry.depth):
            ancestor = self.by_path.get(entry.path[: depth * steps])
            if ancestor is not None:
                found.append(self.pages[ancestor])
        return found

    def translations(self, page_id: int) -> dict[str, str]:
        """Language code → address of every live, public version of the page, itself included."""
        entry = self.pages.get(page_id)
        if entry is None:
            return {}
        return {
            other.language: other.url
            for other in (self.pages[i] for i in self.by_translation.get(entry.translation_key, ()))
            if other.url and not other.restricted
        }

    def home_urls(self) -> dict[str, str]:
        """Language code → address of that language's home page."""
        homes = {}
        for entry in self.pages.values():
            if entry.depth == 2 and entry.url:
                homes.setdefault(entry.language, entry.url)
        return homes

    def shows_exit_button(self, page_id: int) -> bool:
        """The nearest section's choice; a page in no section (home, information) shows it."""
        entry = self.pages.get(page_id)
        chain = [*self.ancestors(page_id), entry] if entry else []
        for step in reversed(chain):
            if step.exit_button is not None:
                return step.exit_button
        return True


def build(request) -> Outline:
    """Four queries: the site, the live pages, the view restrictions and the sections' exit buttons."""
    from romahub.pages.models import SectionPage  # models import this module's users

    site = Site.find_for_request(request) if request is not None else Site.objects.filter(is_default_site=True).first()
    restricted_paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    exit_buttons = dict(SectionPage.objects.values_list("id", "exit_button"))
    outline = Outline(site=site)
    pages = (
        Page.objects.live().filter(depth__gte=2).select_related("locale")
        .only("id", "path", "depth", "title", "slug", "url_path", "locale__language_code", "translation_key", "content_type_id")
    )
    for page in pages:
        outline.add(OutlinePage(
            id=page.id, path=page.path, depth=page.depth, title=page.title, slug=page.slug,
            language=page.locale.language_code, translation_key=str(page.translation_key),
            content_type_id=page.content_type_id, url=page.get_url(request) or "",
            restricted=page.path.startswith(restricted_paths) if restricted_paths else False,
            exit_button=exit_buttons.get(page.id),
        ))
    return outline


_built: dict[tuple, Outline] = {}
_lock = threading.Lock()


def outline_for(request) -> Outline:
    """This process's outline for the current generation and host, built on first use."""
    host = request.get_host() if request is not None else ""
    key = (request_generation(request), host)
    found = _built.get(key)
    if found is None:
        found = build(request)
        with _lock:
            # Only the current generation is worth keeping, for each host.
            for old in [k for k in _built if k[1] == host]:
                _built.pop(old, None)
            _built[key] = found
    if request is not None and found.site is not None and not hasattr(request, "_wagtail_site"):
        request._wagtail_site = found.site  # Wagtail would look the site up again for each address
    return found
