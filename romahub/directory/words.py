"""Words as the directory search compares them: letters and digits only, any case, no accents.

A reader on a phone without a Slovak or Romanian keyboard types "sluzby" for "služby" and
"asistenta" for "asistență"; both must find the same services.
"""

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")


class _Unaccented(dict):
    """str.translate's table, filled in as characters are met: each one without its accents."""

    def __missing__(self, code: int) -> str:
        self[code] = "".join(ch for ch in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(ch))
        return self[code]


_UNACCENTED = _Unaccented()


def fold(text: str) -> str:
    """Lower case without diacritics: "Služby" and "ASISTENȚĂ" become "sluzby" and "asistenta"."""
    text = text.casefold()
    return text if text.isascii() else text.translate(_UNACCENTED)


def words_in(text: str) -> list[str]:
    """The folded words of `text`; punctuation and symbols only separate them."""
    return _WORD.findall(fold(text))
