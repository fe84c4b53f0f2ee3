"""Dates as a reader in each language expects to read them.

Django's own catalogues give Romanian month and day names with capitals and no Slovak genitive
month names ("14. decembra"), so the hub carries its own: the long-date format is a translatable
string, and the month and day names below are extracted into locale/ and translated there.
"""

from datetime import date

from django.utils import dateformat
from django.utils.translation import gettext_noop, pgettext, pgettext_lazy


def long_date(value: date) -> str:
    """e.g. "Monday 14 December 2026", "pondelok 14. decembra 2026", "luni, 14 decembrie 2026"."""
    # Translators: a PHP-style date format (Django's "date" filter): l = weekday, j = day,
    # F = month name, E = month name in the form used after a day number, Y = year.
    return dateformat.format(value, pgettext("long date format", "l j F Y"))


def day_month_year(value: date) -> str:
    """e.g. "14 December 2026", "14. decembra 2026", "14 decembrie 2026"."""
    # Translators: a PHP-style date format, as for the long date but without the weekday.
    return dateformat.format(value, pgettext("date format without weekday", "j F Y"))


# Names used by the formats above, extracted so each language can correct Django's defaults.
MONTHS = [
    gettext_noop("January"), gettext_noop("February"), gettext_noop("March"), gettext_noop("April"),
    gettext_noop("May"), gettext_noop("June"), gettext_noop("July"), gettext_noop("August"),
    gettext_noop("September"), gettext_noop("October"), gettext_noop("November"), gettext_noop("December"),
]
MONTHS_AFTER_DAY = [
    pgettext_lazy("alt. month", "January"), pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"), pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"), pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"), pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"), pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"), pgettext_lazy("alt. month", "December"),
]
WEEKDAYS = [
    gettext_noop("Monday"), gettext_noop("Tuesday"), gettext_noop("Wednesday"), gettext_noop("Thursday"),
    gettext_noop("Friday"), gettext_noop("Saturday"), gettext_noop("Sunday"),
]
