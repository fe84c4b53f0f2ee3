"""Text kept per language on one record (`name`, `name_sk`, `name_ro`): see docs/decisions.md."""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Names of the languages services and resources are offered in (ISO 639 codes).
LANGUAGE_NAMES = {
    "en": _("English"),
    "ro": _("Romanian"),
    "sk": _("Slovak"),
    "cs": _("Czech"),
    "hu": _("Hungarian"),
    "pl": _("Polish"),
    "bg": _("Bulgarian"),
    "rom": _("Romani"),
}

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def in_language(obj, field: str, language: str | None = None) -> str:
    """`obj.<field>` in the reader's language, falling back to English when it is empty."""
    language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    if language in OTHER_LANGUAGES:
        value = getattr(obj, f"{field}_{language}", "")
        if value:
            return value
    return getattr(obj, field)


class TitleAndSummary:
    """`title` and `summary`: a record's `name` and `description` in the reader's language."""

    __slots__ = ()

    @property
    def title(self) -> str:
        return in_language(self, "name")

    @property
    def summary(self) -> str:
        return in_language(self, "description")
