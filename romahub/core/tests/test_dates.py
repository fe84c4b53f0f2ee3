from datetime import date

import pytest
from django.utils import translation

from romahub.core.dates import long_date


@pytest.mark.parametrize(
    "language,expected",
    [
        ("en", "Monday 14 December 2026"),
        ("sk", "pondelok 14. decembra 2026"),
        ("ro", "luni, 14 decembrie 2026"),
    ],
)
def test_long_dates_read_naturally_in_each_language(language, expected):
    with translation.override(language):
        assert long_date(date(2026, 12, 14)) == expected


def test_slovak_months_after_a_day_are_genitive():
    with translation.override("sk"):
        assert long_date(date(2027, 5, 3)) == "pondelok 3. mája 2027"
