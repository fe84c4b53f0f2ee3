"""Choosing resources for a reader: plain functions over the database.

The facts of a resource come from its row in the default language (the source); a reader in
another language gets that language's summary where a translation exists, and the English one,
marked as English, where it does not.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from romahub.resources.models import Resource


@dataclass
class Filters:
    query: str = ""
    audience: str = ""
    kind: str = ""
    language: str = ""
    free_only: bool = False


# How a section's list is grouped. Close kinds share a heading so that short lists stay short.
GROUPS = [
    ("law", _("Legislation and statutory guidance"), ("legislation", "statutory-guidance")),
    ("case-law", _("Case law"), ("case-law",)),
    ("practice", _("Practice guides, templates and toolkits"), ("guide", "template", "toolkit")),
    ("training", _("Training, video and audio"), ("training", "media")),
    ("research", _("Research"), ("research",)),
]


def _language(language: str | None) -> str:
    return (language or get_language() or settings.LANGUAGE_CODE)[:2]


def sources():
    """The published rows in the default language: the ones whose facts the hub shows."""
    return Resource.objects.public().filter(locale__language_code=settings.LANGUAGE_CODE)


def matching(filters: Filters, language: str | None = None):
    resources = sources()
    if filters.audience:
        resources = resources.filter(audiences__contains=f",{filters.audience},")
    if filters.kind:
        resources = resources.filter(kind=filters.kind)
    if filters.language:
        resources = resources.filter(languages__contains=f",{filters.language},")
    if filters.free_only:
        # Free with registration is not "free" here: it asks for the reader's details.
        resources = resources.filter(cost="free")
    language = _language(language)
    for word in filters.query.split()[:8]:
        found = Q(title__icontains=word) | Q(summary__icontains=word) | Q(publisher__icontains=word)
        if language != settings.LANGUAGE_CODE:
            found |= Q(
                translation_key__in=Resource.objects.public().filter(
                    locale__language_code=language, summary__icontains=word
                ).values("translation_key")
            )
        resources = resources.filter(found)
    return resources.select_related("document").order_by("title")


def localized(resources, language: str | None = None) -> list[Resource]:
    """The resources with `display_summary` in the reader's language and `summary_language`.

    Only a published translation's summary is used; a draft one leaves the English in place."""
    language = _language(language)
    resources = list(resources)
    translated = {}
    if language != settings.LANGUAGE_CODE and resources:
        translated = dict(
            Resource.objects.public().filter(
                locale__language_code=language, translation_key__in=[r.translation_key for r in resources]
            ).values_list("translation_key", "summary")
        )
    for resource in resources:
        summary = translated.get(resource.translation_key)
        resource.display_summary = summary or resource.summary
        resource.summary_language = language if summary else settings.LANGUAGE_CODE
    return resources


def grouped(resources, language: str | None = None) -> list[tuple[str, str, list[Resource]]]:
    """(key, heading, resources) for each group that has any, in the order of GROUPS."""
    resources = localized(resources, language)
    groups = []
    for key, heading, kinds in GROUPS:
        members = [r for r in resources if r.kind in kinds]
        if members:
            groups.append((key, heading, members))
    return groups


def find(slug: str) -> Resource | None:
    resource = sources().select_related("document").filter(slug=slug).first()
    return localized([resource])[0] if resource else None
