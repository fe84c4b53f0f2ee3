"""The charter's life: which version is current, starting a new one, and loading the starter text."""

import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from romahub.mishto.models import CharterValue, CharterVersion, Pledge, PledgeAction, PledgeActivity

STARTER_CHARTER = Path(__file__).resolve().parent / "data" / "charter.json"
LANGUAGE_SUFFIXES = ("", "_sk", "_ro")


def current_version() -> CharterVersion | None:
    """The newest published version: the one a council signs today."""
    return CharterVersion.objects.filter(published_on__isnull=False).order_by("-number").first()


def published(number: int) -> CharterVersion | None:
    return CharterVersion.objects.filter(published_on__isnull=False, number=number).first()


def _texts(record: dict, *fields: str) -> dict:
    return {f"{field}{suffix}": record.get(f"{field}{suffix}", "") for field in fields for suffix in LANGUAGE_SUFFIXES}


def _copy_fields(obj, *fields: str) -> dict:
    return {f"{field}{suffix}": getattr(obj, f"{field}{suffix}") for field in fields for suffix in LANGUAGE_SUFFIXES}


@transaction.atomic
def start_new_version(base: CharterVersion) -> CharterVersion:
    """A draft copy of `base`, numbered after the newest, for editors to change and then publish.

    Authorities that signed `base` keep being assessed against it; nothing of it changes.
    """
    newest = CharterVersion.objects.order_by("-number").values_list("number", flat=True).first() or 0
    version = CharterVersion.objects.create(
        number=newest + 1, source=base.source, source_url=base.source_url, published_on=None,
        translations_reviewed=base.translations_reviewed, **_copy_fields(base, "title", "introduction"),
    )
    for value in base.values.all():
        CharterValue.objects.create(version=version, sort_order=value.sort_order, **_copy_fields(value, "text"))
    for pledge in base.pledges.all():
        copy = Pledge.objects.create(version=version, number=pledge.number, **_copy_fields(pledge, "title"))
        for action in pledge.actions.all():
            PledgeAction.objects.create(pledge=copy, sort_order=action.sort_order, **_copy_fields(action, "heading", "text"))
        for activity in pledge.activities.all():
            PledgeActivity.objects.create(pledge=copy, sort_order=activity.sort_order, url=activity.url, **_copy_fields(activity, "text"))
    return version


@transaction.atomic
def load_starter_charter(path: Path = STARTER_CHARTER) -> bool:
    """Create the starter version if no version with its number exists; True if created.

    Safe to run again: an existing version is left as editors made it. The version is published
    on the day the hub first loads it (the hub's own publication, not the Forum's).
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    if CharterVersion.objects.filter(number=data["number"]).exists():
        return False
    version = CharterVersion.objects.create(
        number=data["number"], source=data["source"], source_url=data.get("source_url", ""),
        published_on=timezone.localdate(), **_texts(data, "title", "introduction"),
    )
    for order, value in enumerate(data["values"]):
        CharterValue.objects.create(version=version, sort_order=order, **_texts(value, "text"))
    for pledge_data in data["pledges"]:
        pledge = Pledge.objects.create(version=version, number=pledge_data["number"], **_texts(pledge_data, "title"))
        for order, action in enumerate(pledge_data["actions"]):
            PledgeAction.objects.create(pledge=pledge, sort_order=order, **_texts(action, "heading", "text"))
        for order, activity in enumerate(pledge_data["activities"]):
            PledgeActivity.objects.create(pledge=pledge, sort_order=order, url=activity.get("url", ""), **_texts(activity, "text"))
    return True


def link_for(url: str, language: str) -> str:
    """A supporting resource's link: hub paths get the reader's language prefix."""
    if url.startswith("/") and not url.startswith("//"):
        return f"/{language}{url}"
    return url
