"""Text kept per language on one record (`name`, `name_sk`, `name_ro`): see docs/decisions.md."""

from functools import lru_cache

from babel import Locale, UnknownLocaleError
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



def language_name(code: str, fallback: str = "", language: str | None = None) -> str:
    """A language's name in the reader's language, from its ISO 639 code.

    The languages the hub names most have the hub's own translated names; any other comes from
    CLDR through Babel, so a service that speaks Welsh says "waleština" on a Slovak page rather than
    "cy" or a stored English name. Only a code CLDR does not know shows `fallback` (or the code).
    """
    code = (code or "").strip().lower()
    if code in LANGUAGE_NAMES:
        return str(LANGUAGE_NAMES[code])
    name = _cldr_names((language or get_language() or settings.LANGUAGE_CODE)[:2]).get(code)
    return name[:1].upper() + name[1:] if name else (fallback or code)


def language_names(languages) -> str:
    """'Romani, Slovak' from (code, stored name) pairs, each in the reader's language, A to Z."""
    return ", ".join(sorted({language_name(code, name) for code, name in languages}, key=str.casefold))


@lru_cache(maxsize=8)
def _cldr_names(language: str) -> dict:
    try:
        return dict(Locale.parse(language).languages)
    except (UnknownLocaleError, ValueError):
        return dict(Locale.parse(settings.LANGUAGE_CODE).languages)


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
