"""What a family can do when a search finds nobody near them who speaks their language.

A plain function over the search's filters and results, so the rule is tested without a page:
the page shows these steps when nothing matched, when the place is outside England, or when a
language was asked for near a place and no service that speaks it is within NEAR_KM.
"""

from dataclasses import dataclass, field

from romahub.directory import bitsets
from romahub.directory.search import Card, Filters, Result, SearchIndex

# About 25 miles: further than a parent with young children can easily travel for a drop-in.
NEAR_KM = 40
# Family Rights Group's advice line (starter data): the free national line for parents whose
# children are involved with children's services. Read from the directory, never retyped here.
FAMILY_RIGHTS_GROUP_SERVICE = "39887e5c053f42568b71a41c6e94c8eb"  # as hex: the index keeps the database's text


@dataclass
class NextSteps:
    reason: str  # "nothing", "outside_england" or "none_near"
    language: str = ""  # the code asked for, if any
    national: list[Card] = field(default_factory=list)  # national services that speak it
    advice_line: Card | None = None


def next_steps(filters: Filters, results: list[Result], total: int, index: SearchIndex) -> NextSteps | None:
    if total == 0:
        reason = "nothing"
    elif filters.point is not None and not filters.point.in_england:
        reason = "outside_england"
    elif filters.point is not None and filters.language and not any(
        result.distance_km is not None and result.distance_km <= NEAR_KM for result in results
    ):
        reason = "none_near"
    else:
        return None
    national = []
    if filters.language:
        speaking = index.national & index.languages.get(filters.language, 0)
        national = [index.cards[position] for position in bitsets.positions(speaking, count=5)]
    line = next((card for card in index.cards if card.pk.replace("-", "") == FAMILY_RIGHTS_GROUP_SERVICE), None)
    return NextSteps(reason, filters.language, national, line)
