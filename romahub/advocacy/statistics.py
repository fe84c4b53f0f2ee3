"""The group's counts of finished requests, by outcome, council area, language and month.

Counts from 1 to SMALL - 1 are shown as "fewer than SMALL": in one council in one month, a
small number can point to a family. The counts come from `Tally`, which outlives the requests.
"""

from collections import Counter

from django.db.models import Sum
from django.utils import dateformat
from django.utils.translation import gettext as _

from romahub.advocacy.models import HelpRequest, Tally

SMALL = 5
DIMENSIONS = ("outcome", "authority__name", "language", "month")


def shown(number: int) -> str:
    """A count as it may be shown: 0, 'fewer than 5', or the number."""
    if 0 < number < SMALL:
        return _("fewer than %(small)d") % {"small": SMALL}
    return str(number)


def counts(tallies, dimension: str) -> list[tuple[str, str]]:
    """(label, shown count) for each value of `dimension`, largest first."""
    totals = Counter()
    for row in tallies.values(dimension).annotate(total=Sum("number")):
        totals[row[dimension]] += row["total"]
    labels = _labels(dimension)
    ordered = sorted(totals.items(), key=lambda item: (-item[1], str(item[0])))
    return [(labels(value), shown(total)) for value, total in ordered]


def _labels(dimension: str):
    if dimension == "outcome":
        names = dict(Tally._meta.get_field("outcome").choices)
        return lambda value: str(names.get(value, value))
    if dimension == "month":
        return lambda value: dateformat.format(value, "F Y")
    if dimension == "language":
        from django.conf import settings

        names = dict(settings.LANGUAGES)
        return lambda value: str(names.get(value, value))
    return str


def for_partner(partner) -> dict:
    tallies = Tally.objects.filter(partner=partner)
    open_now = HelpRequest.objects.for_partner(partner).exclude(status=HelpRequest.CLOSED).count()
    return {"open": open_now, **{dimension: counts(tallies, dimension) for dimension in DIMENSIONS}}


def for_everyone() -> dict:
    tallies = Tally.objects.all()
    return {dimension: counts(tallies, dimension) for dimension in DIMENSIONS} | {"partners": counts(tallies, "partner__organization__name")}
