"""The Quality Mark badge an authority embeds on its own site, and checking it.

The badge's address carries a signature over the authority and its award date, made with the
site's secret key: a changed or invented address shows "not valid", and a badge from an earlier
award stops verifying once the mark is awarded again. Whether the mark is valid is worked out at
the moment the badge or its verification page is requested, never stored.
"""

from datetime import date
from xml.sax.saxutils import escape

from django.core.signing import Signer
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from romahub.mishto import workflow
from romahub.mishto.models import Participation

_SIGNER = Signer(salt="romahub.mishto.badge")
_QUOTE = {'"': "&quot;"}  # escape() leaves quotes alone, and the title also sits in a quoted attribute


def _value(participation: Participation) -> str:
    return f"{participation.authority.slug}:{participation.awarded_on.isoformat() if participation.awarded_on else '-'}"


def signature(participation: Participation) -> str:
    return _SIGNER.signature(_value(participation))


def is_genuine(participation: Participation | None, given: str) -> bool:
    """True if the link's signature is the one the hub gave this authority's award."""
    if participation is None or participation.awarded_on is None:
        return False
    return constant_time_compare(given or "", signature(participation))


def verify(participation: Participation | None, given: str, today: date | None = None) -> bool:
    """True only if the signature is genuine for this authority's award and the mark is valid today."""
    return is_genuine(participation, given) and workflow.is_mark_valid(participation, today)


def svg(participation: Participation | None, valid: bool) -> str:
    """A small badge, readable without the hub's stylesheet (it is shown on other sites)."""
    if valid:
        expiry = workflow.expires_on(participation)
        lines = [
            _("Mishto Quality Mark"),
            participation.authority.name,
            _("Awarded %(awarded)s, valid to %(expires)s") % {
                "awarded": participation.awarded_on.strftime("%d/%m/%Y"), "expires": expiry.strftime("%d/%m/%Y"),
            },
        ]
        colour = "#1f5f3a"
    else:
        lines = [_("Mishto Quality Mark"), _("Not valid"), _("Check on the Roma Child Protection Hub")]
        colour = "#8a1c1c"
    title = " – ".join(lines)
    bold = ' font-weight="bold"'
    texts = "".join(
        f'<text x="12" y="{24 + 20 * index}" font-size="{15 if index == 0 else 13}"{bold if index == 0 else ""}>{escape(line)}</text>'
        for index, line in enumerate(lines)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="78" viewBox="0 0 320 78" role="img" '
        f'aria-label="{escape(title, _QUOTE)}"><title>{escape(title)}</title>'
        f'<rect width="320" height="78" rx="8" fill="{colour}"/>'
        f'<g fill="#fff" font-family="Verdana, DejaVu Sans, sans-serif">{texts}</g></svg>'
    )
