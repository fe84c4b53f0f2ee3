"""The library's starter resources, from data/resources.json, in English, Slovak and Romanian.

Idempotent like the rest of the starter content: a resource that exists (by its slug) is left as
editors have it, and a translation that exists is not touched. Translations go through
wagtail-localize, so editors continue them in its editor. None is marked as checked by a
community reviewer, and "last checked" stays empty: nobody has read the live page for this load.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale

from romahub.core.starter_data import StarterContentError, seed_translation, target_copy
from romahub.resources.models import AUDIENCES, COSTS, KINDS, Resource, delimited

DATA_FILE = Path(__file__).parent / "data" / "resources.json"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CEDILLA = re.compile("[şţŞŢ]")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def read() -> list[dict]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def problems(items: list[dict]) -> list[str]:
    """Everything wrong with the data file, so that nothing half-valid is ever loaded."""
    found = []
    audiences, kinds, costs = {c for c, _ in AUDIENCES}, {c for c, _ in KINDS}, {c for c, _ in COSTS}
    keys = [item.get("key", "") for item in items]
    for key in {k for k in keys if keys.count(k) > 1}:
        found.append(f"{key}: the key is used more than once")
    for item in items:
        key = item.get("key", "?")
        if not _SLUG.match(key) or len(key) > 80:
            found.append(f"{key}: the key must be lowercase letters, digits and hyphens, at most 80")
        for name in ("title", "publisher", "source", "url"):
            if not item.get(name):
                found.append(f"{key}: {name} is missing")
        if not str(item.get("url", "")).startswith("https://"):
            found.append(f"{key}: the link must be an https:// address")
        if item.get("kind") not in kinds:
            found.append(f"{key}: unknown kind {item.get('kind')!r}")
        if item.get("cost") not in costs:
            found.append(f"{key}: unknown cost {item.get('cost')!r}")
        if item.get("price") and item.get("cost") == "free":
            found.append(f"{key}: a free resource has no price")
        if not item.get("audiences") or set(item["audiences"]) - audiences:
            found.append(f"{key}: audiences must be some of {sorted(audiences)}")
        if not item.get("languages") or not all(_LANGUAGE_CODE.match(c) for c in item["languages"]):
            found.append(f"{key}: languages must be ISO 639 codes")
        summary = item.get("summary", {})
        for code, _name in settings.LANGUAGES:
            if not summary.get(code, "").strip():
                found.append(f"{key}: the summary in {code} is missing")
        if _CEDILLA.search(summary.get("ro", "")):
            found.append(f"{key}: Romanian must use ș and ț with a comma below, not a cedilla")
    return found


def load_starter_resources() -> int:
    """Create what is missing; return how many resources were created in the default language."""
    items = read()
    wrong = problems(items)
    if wrong:
        raise StarterContentError("Starter resources are not valid:\n" + "\n".join(wrong))
    default = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    others = Locale.objects.exclude(pk=default.pk)
    created = 0
    for item in items:
        resource = Resource.objects.filter(slug=item["key"], locale=default).first()
        if resource is None:
            resource = Resource.objects.create(
                locale=default,
                slug=item["key"],
                title=item["title"],
                title_language=item.get("title_language", "en"),
                summary=item["summary"]["en"],
                url=item["url"],
                publisher=item["publisher"],
                year=item.get("year"),
                audiences=delimited(item["audiences"]),
                kind=item["kind"],
                languages=delimited(item["languages"]),
                cost=item["cost"],
                price=item.get("price", ""),
                needs_login=item.get("needs_login", False),
                source=item["source"], editor_note=item.get("editor_note", ""),
            )
            created += 1
        for locale in others:
            text = item["summary"].get(locale.language_code)
            if (
                text
                and not Resource.objects.filter(
                    translation_key=resource.translation_key, locale=locale
                ).exists()
            ):
                seed_translation(resource, locale, target_copy(resource, {"summary": text}))
    return created
