"""Which partner a help request goes to: one plain rule, with no database in it.

1. Partners that cover the family's council area, speak one of the family's languages and have
   room this week.
2. Otherwise, partners that cover the area and have room, whatever their languages.
3. Otherwise, a national partner with room, one that speaks a family language first.

Within each step the partner given a request least recently goes first (never given: first of
all), then by name, so that requests are shared out and the answer is always the same for the
same facts. A partner that is not accepting, has no key, or has given as many requests in the
last seven days as its weekly capacity is never chosen. When no partner fits, the answer is None
and the form says so before anything is sent: a request is never dropped in silence.
"""

from dataclasses import dataclass
from datetime import datetime

AREA_AND_LANGUAGE, AREA, NATIONAL = "area-and-language", "area", "national"


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    area_ids: frozenset
    national: bool
    languages: frozenset
    has_room: bool  # accepting, with a key, and under its weekly capacity
    last_given_at: datetime | None


@dataclass(frozen=True)
class Route:
    partner_id: int
    step: str  # AREA_AND_LANGUAGE, AREA or NATIONAL


def _fairest(candidates: list[Candidate]) -> Candidate:
    return min(candidates, key=lambda c: (c.last_given_at is not None, c.last_given_at or datetime.min, c.name, c.id))


def choose(candidates, area_id, languages, exclude=frozenset()) -> Route | None:
    """The partner for a request from `area_id` in `languages`, passing over the ids in `exclude`
    (partners it has already been given to)."""
    languages = frozenset(languages)
    open_ = [c for c in candidates if c.has_room and c.id not in exclude]
    local = [c for c in open_ if area_id in c.area_ids]
    speaking = [c for c in local if c.languages & languages]
    if speaking:
        return Route(_fairest(speaking).id, AREA_AND_LANGUAGE)
    if local:
        return Route(_fairest(local).id, AREA)
    national = [c for c in open_ if c.national]
    if national:
        national_speaking = [c for c in national if c.languages & languages]
        return Route(_fairest(national_speaking or national).id, NATIONAL)
    return None
