"""The hub's starter data, loaded in order: each app loads its own; this says in what order.

Idempotent: what exists already is left as editors made it, and only what is missing is
created. Every translation loaded is awaiting community review until a reviewer records one.
A new app with starter data adds its step to STEPS (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from romahub.conference.loader import load_local_rules
from romahub.core.starter_data import StarterContentError
from romahub.directory.loader import load_starter_services, load_taxonomy
from romahub.mishto.charter import load_starter_charter
from romahub.pages.starter_content.loader import load_starter_pages
from romahub.places.loader import load_local_authorities
from romahub.resources.loader import load_starter_resources
from romahub.site.groups import ensure_editorial_groups

__all__ = ["STEPS", "LoadReport", "StarterContentError", "load_starter_content"]


def _pages() -> dict[str, int]:
    report = load_starter_pages()
    return {
        "pages": len(report.created_pages), "page translations": len(report.created_translations),
        "glossary terms": report.created_terms, "glossary term translations": report.translated_terms,
    }


def _groups() -> dict[str, int]:
    ensure_editorial_groups()  # after the pages: translators are given every other language's home
    return {}


def _authorities() -> dict[str, int]:
    created, detailed = load_local_authorities()
    # An authority given its local details is not a new record: it changes the report, not its sentence.
    return {"local authorities": created, "local authority details": detailed}


def _conference_rules() -> dict[str, int]:
    return {"councils' conference timescales": load_local_rules()}  # after the authorities


def _directory() -> dict[str, int]:
    terms = load_taxonomy()  # before the services, which use the terms
    return {"directory terms": terms, "services": load_starter_services()}


def _charter() -> dict[str, int]:
    return {"the Mishto charter": int(load_starter_charter())}


def _resources() -> dict[str, int]:
    return {"resources": load_starter_resources()}


# Each step returns what it created, by name, for the report.
STEPS: tuple[Callable[[], dict[str, int]], ...] = (
    _pages, _groups, _authorities, _conference_rules, _directory, _charter, _resources,
)


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.created.values())

    def summary(self) -> str:
        if not self.changed:
            return "Starter content is already loaded; nothing changed."
        counted = [f"{count} {name}" for name, count in self.created.items()
                   if name not in ("the Mishto charter", "local authority details")]
        charter = " and the Mishto charter" if self.created.get("the Mishto charter") else ""
        return f"Created {', '.join(counted)}{charter}."


@transaction.atomic
def load_starter_content() -> LoadReport:
    report = LoadReport()
    for step in STEPS:
        report.created.update(step())
    return report
