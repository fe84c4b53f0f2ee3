"""Load the hub's starter pages, glossary terms and their translations (romahub/site/starter.py
loads the rest of the starter data, in order).

Idempotent: what exists already is left as it is (editors may have changed it), and only what
is missing is created. Translations go through wagtail-localize (a TranslationSource, a
Translation and one string translation per segment), exactly as if a translator had typed them
into the translation editor, so editors can carry on in that editor and the English source
stays in sync. Every translation loaded here is awaiting community review until a reviewer
records a CommunityReview for it.
"""

from __future__ import annotations

import functools
import json
import re
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization

from romahub.core.starter_data import StarterContentError, seed_translation, target_copy
from romahub.pages.models import (
    GlossaryPage,
    GlossaryTerm,
    GuidePage,
    HomePage,
    InformationPage,
    SectionPage,
)
from romahub.pages.starter_content import validate


@dataclass
class LoadReport:
    """What loading the pages and the glossary created."""

    created_pages: list[str] = field(default_factory=list)
    created_translations: list[str] = field(default_factory=list)
    created_terms: int = 0
    translated_terms: int = 0


def read_data() -> dict:
    problems = validate.validate()
    if problems:
        raise StarterContentError("Starter content is not valid:\n" + "\n".join(problems))
    data_dir = validate.DATA_DIR
    guides = [
        json.loads(path.read_text(encoding="utf-8")) for path in sorted((data_dir / "guides").glob("*.json"))
    ]
    guides.sort(key=lambda g: (g["section"], g.get("order", 99), g["slug"]))
    return as_the_editor_stores_it({
        "site": json.loads((data_dir / "site.json").read_text(encoding="utf-8")),
        "glossary": json.loads((data_dir / "glossary.json").read_text(encoding="utf-8")),
        "guides": guides,
    })


_RICH_TEXT = re.compile(r"\s*<(p|ul|ol|h[2-6])[\s>]")


def as_the_editor_stores_it(value):
    """Every rich text in the data, as Wagtail's editor saves it (<b>, not <strong>; block keys).

    Otherwise the first time an editor saves an English page, every text with bold in it looks
    changed to wagtail-localize, and each translator is asked to check them all again."""
    if isinstance(value, dict):
        return {key: as_the_editor_stores_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_the_editor_stores_it(item) for item in value]
    if isinstance(value, str) and _RICH_TEXT.match(value):
        return _editor_converter().to_database_format(_editor_converter().from_database_format(value))
    return value


@functools.cache
def _editor_converter():
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
    from wagtail.rich_text import features

    return ContentstateConverter(features.get_default_features())


def _stream(blocks: list) -> str:
    """StreamField JSON with block ids, as Wagtail stores it (list items included)."""

    def with_ids(value):
        if isinstance(value, dict):
            return {
                key: [{"type": "item", "value": with_ids(v), "id": str(uuid.uuid4())} for v in item]
                if isinstance(item, list) and item and isinstance(item[0], dict)
                else with_ids(item)
                for key, item in value.items()
            }
        return value

    return json.dumps(
        [{"type": b["type"], "value": with_ids(b["value"]), "id": str(uuid.uuid4())} for b in blocks]
    )


def _tools(keys: list[str]) -> str:
    return _stream([{"type": "tool", "value": {"tool": key}} for key in keys])


# --- pages ---------------------------------------------------------------------------------


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _child_by_slug(parent: Page, slug: str, model):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _add_child(parent: Page, page: Page, report: LoadReport) -> Page:
    parent.add_child(instance=page)
    _publish(page)
    report.created_pages.append(page.url_path)
    return page


def _ensure_home(site_data: dict, locale: Locale, report: LoadReport) -> HomePage:
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home:
        return home
    root = Page.get_first_root_node()
    # Wagtail's first migration leaves a "Welcome" page in the site root; the hub replaces it.
    for welcome in Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ):
        if welcome.get_children_count() == 0:
            Site.objects.filter(root_page=welcome).update(root_page=root)
            welcome.delete()
    en = site_data["home"]["en"]
    home = HomePage(
        title=en["title"],
        slug="home",
        locale=locale,
        hero_heading=en["hero_heading"],
        hero_text=en["hero_text"],
        hero_link_text=en["hero_link_text"],
        sections_heading=en["sections_heading"],
        intro=en["intro"],
        tools=_tools(site_data.get("home_tools", [])),
    )
    root.add_child(instance=home)
    _publish(home)
    report.created_pages.append(home.url_path)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    else:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    return home


def _load_english(data: dict, locale: Locale, report: LoadReport) -> dict[str, Page]:
    site_data = data["site"]
    home = _ensure_home(site_data, locale, report)
    pages: dict[str, Page] = {"home": home}

    for section in sorted(site_data["sections"], key=lambda s: s["order"]):
        en = section["en"]
        page = _child_by_slug(home, section["slug"], SectionPage) or _add_child(
            home,
            SectionPage(
                title=en["title"],
                slug=section["slug"],
                summary=en["summary"],
                intro=en["intro"],
                exit_button=section.get("exit_button", False),
                tools=_tools(section.get("tools", [])),
                resource_audience=section.get("audience", ""),
                resources_intro=en.get("resources_intro", ""),
            ),
            report,
        )
        pages[f"section:{section['slug']}"] = page

    for guide in data["guides"]:
        parent = pages[f"section:{guide['section']}"]
        en = guide["en"]
        sources = [{"type": "source", "value": source} for source in guide["sources"]]
        page = _child_by_slug(parent, guide["slug"], GuidePage) or _add_child(
            parent,
            GuidePage(
                title=en["title"],
                slug=guide["slug"],
                summary=en["summary"],
                body=_stream(en["body"]),
                sources=_stream(sources),
            ),
            report,
        )
        pages[f"guide:{guide['slug']}"] = page

    glossary_en = site_data["glossary"]["en"]
    pages["glossary"] = _child_by_slug(home, "glossary", GlossaryPage) or _add_child(
        home, GlossaryPage(title=glossary_en["title"], slug="glossary", intro=glossary_en["intro"]), report
    )

    for info in site_data.get("information_pages", []):
        en = info["en"]
        pages[f"info:{info['slug']}"] = _child_by_slug(home, info["slug"], InformationPage) or _add_child(
            home,
            InformationPage(
                title=en["title"], slug=info["slug"], summary=en.get("summary", ""), body=_stream(en["body"])
            ),
            report,
        )

    start = pages.get(f"guide:{site_data.get('hero_guide')}")
    if start and home.hero_page_id is None:
        home.hero_page = start
        _publish(home)
    return pages


def _page_values(key: str, item: dict) -> dict:
    """The translatable field values of one page, from its language entry in the data."""
    if key == "home":
        return {
            name: item[name]
            for name in ("title", "hero_heading", "hero_text", "hero_link_text", "sections_heading", "intro")
        }
    if key.startswith("section:"):
        return {name: item.get(name, "") for name in ("title", "summary", "intro", "resources_intro")}
    if key == "glossary":
        return {"title": item["title"], "intro": item["intro"]}
    return {"title": item["title"], "summary": item.get("summary", ""), "body": _stream(item["body"])}


def _translations_by_key(data: dict) -> dict[str, dict]:
    site_data = data["site"]
    by_key = {"home": site_data["home"], "glossary": site_data["glossary"]}
    by_key.update({f"section:{s['slug']}": s for s in site_data["sections"]})
    by_key.update({f"guide:{g['slug']}": g for g in data["guides"]})
    by_key.update({f"info:{p['slug']}": p for p in site_data.get("information_pages", [])})
    return by_key


def _translate_pages(data: dict, pages: dict[str, Page], locale: Locale, report: LoadReport) -> None:
    items = _translations_by_key(data)
    # Parents before children: wagtail-localize needs the parent translated first.
    for key, page in sorted(pages.items(), key=lambda kv: kv[1].depth):
        existing = page.get_translation_or_none(locale)
        if existing is not None and existing.alias_of_id is None:
            continue
        item = items[key].get(locale.language_code)
        if not item:
            continue
        seed_translation(page.specific, locale, target_copy(page, _page_values(key, item)))
        report.created_translations.append(f"{locale.language_code}:{page.url_path}")


# --- glossary ------------------------------------------------------------------------------


def _load_glossary(data: dict, default_locale: Locale, locales: list[Locale], report: LoadReport) -> None:
    for entry in data["glossary"]:
        en = entry["en"]
        term = GlossaryTerm.objects.filter(slug=entry["slug"], locale=default_locale).first()
        if term is None:
            term = GlossaryTerm.objects.create(
                slug=entry["slug"],
                locale=default_locale,
                term=en["term"],
                definition=en["definition"],
                aliases=en.get("aliases", ""),
            )
            report.created_terms += 1
        for locale in locales:
            if GlossaryTerm.objects.filter(translation_key=term.translation_key, locale=locale).exists():
                continue
            item = entry.get(locale.language_code)
            if not item:
                continue
            target = target_copy(
                term,
                {"term": item["term"], "definition": item["definition"], "aliases": item.get("aliases", "")},
            )
            seed_translation(term, locale, target)
            report.translated_terms += 1


# --- entry point ---------------------------------------------------------------------------


@transaction.atomic
def load_starter_pages() -> LoadReport:
    """Every language's locale, the English pages and glossary, and their translations."""
    data = read_data()
    report = LoadReport()
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES}
    default_locale = locales[settings.LANGUAGE_CODE]
    others = [locale for code, locale in locales.items() if code != settings.LANGUAGE_CODE]

    pages = _load_english(data, default_locale, report)
    _load_glossary(data, default_locale, others, report)
    for locale in others:
        _translate_pages(data, pages, locale, report)
        # New English pages appear at once in this language as untranslated stand-ins.
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": default_locale})
    return report
