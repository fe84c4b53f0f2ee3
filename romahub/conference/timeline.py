"""What happens after an initial child protection conference, and by when.

Plain functions, no Django: one date in, every milestone out. Only three timescales are national
(Working Together to Safeguard Children 2023): the first core group within 10 working days of the
initial conference, the first review within 3 months and later reviews within 6 months. The rest
(when reports arrive, when the written record comes, how often the core group meets and the social
worker visits) are set by each council's own procedures, so `ENGLAND` leaves them unset and a
milestone that depends on one is planned only where the council's rules give it (`LOCAL_RULES`).

Counting, as parents are told and as the tests prove:
* "Within N days after D" counts N calendar days forward.
* Working days are Monday to Friday, except bank holidays in England (the `holidays` package).
* "Within N working days after D" counts N working days forward; D itself is not counted.
* "N working days before D" counts N working days backward; D itself is not counted.
* "Within N months of D" is the same day of the month N months later (the month's last day where
  that day does not exist, e.g. 31 January + 1 month = 28 or 29 February). If that is not a working
  day, the deadline is the last working day before it: a deadline is never moved later.
* Each review is planned from the previous review's deadline, unless the actual date of that review
  is known, in which case the next one is planned from the actual date.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from functools import lru_cache

import holidays

DEADLINE = "deadline"  # the latest date something must happen
REMINDER = "reminder"  # a date to expect something, not a legal limit
RECURRING = "recurring"  # something that repeats, shown with its first date
HELD = "held"  # a conference that has happened, on the date the parent gave


@dataclass(frozen=True)
class Rules:
    """The numbers behind the timeline: England's national rules, and a council's own where set.

    A rule of None is one the council has not published (or the hub has not read): the milestones
    that depend on it are left out rather than planned from another council's practice.
    """

    reports_before_initial_working_days: int | None = None
    reports_before_review_working_days: int | None = None
    record_after_days: int | None = None
    first_core_group_working_days: int = 10
    core_group_interval_weeks: int | None = None
    visit_interval_days: int | None = None
    first_review_months: int = 3
    review_interval_months: int = 6

    def with_overrides(self, **overrides: int | None) -> Rules:
        """These rules with every override that is set (None keeps the default; so does 0, which
        would plan a meeting every 0 weeks for ever, should one reach here past the form's check)."""
        return replace(self, **{k: v for k, v in overrides.items() if v})


ENGLAND = Rules()

# The rules Working Together 2023 sets for every council; every other rule is local.
NATIONAL_RULES = frozenset({"first_core_group_working_days", "first_review_months", "review_interval_months"})
LOCAL_RULES = frozenset(f.name for f in fields(Rules)) - NATIONAL_RULES

# Which rule each milestone's date is counted by (a case's "#" is the conference number).
RULE_OF = {
    "reports-initial": "reports_before_initial_working_days",
    "record-initial": "record_after_days",
    "record-review": "record_after_days",
    "core-group-first": "first_core_group_working_days",
    "core-group": "core_group_interval_weeks",
    "visits": "visit_interval_days",
    "reports-review": "reports_before_review_working_days",
    "review-1": "first_review_months",
    "review": "review_interval_months",
}


def rule_of(key: str) -> str | None:
    """The rule a milestone's date comes from (None for the initial conference, a date given)."""
    if key in RULE_OF:
        return RULE_OF[key]
    stem = key.rstrip("0123456789").rstrip("-")
    return RULE_OF.get(stem)


def is_conference(key: str) -> bool:
    """The initial conference and each review conference (planned or held), not their reports or records."""
    return key == "initial-conference" or (key.startswith("review-") and key.removeprefix("review-").isdigit())


def is_local(key: str) -> bool:
    """True when a milestone is planned from a council's own rule, not a national one."""
    return rule_of(key) in LOCAL_RULES


@dataclass(frozen=True)
class Milestone:
    key: str  # e.g. "reports-initial", "review-2"
    kind: str  # DEADLINE, REMINDER or RECURRING
    date: date
    conference: int = 0  # which conference it belongs to: 0 initial, 1 first review, …
    limit: date | None = None  # for deadlines: the legal limit before moving to a working day
    repeat_days: int | None = None  # for RECURRING: the interval
    until: date | None = None  # for RECURRING and core group reminders: when they stop being planned


# --- working days -----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (negative: before); `start` is not counted."""
    step = 1 if count >= 0 else -1
    day, remaining = start, abs(count)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def last_working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def add_months(start: date, months: int) -> date:
    """Same day of the month, `months` later; the month's last day where that day does not exist."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def within_months(start: date, months: int) -> tuple[date, date]:
    """(deadline, limit): the limit N months on, and the last working day on or before it."""
    limit = add_months(start, months)
    return last_working_day_on_or_before(limit), limit


# --- the timeline ------------------------------------------------------------------------------


def plan(
    initial_conference: date,
    rules: Rules = ENGLAND,
    reviews_held: tuple[date | None, ...] = (),
    review_count: int = 3,
) -> list[Milestone]:
    """Every milestone after an initial child protection conference, in date order.

    `reviews_held` gives the actual dates of review conferences that have happened (first review
    first; None where unknown). `review_count` is how many review conferences to plan.
    """
    icpc = initial_conference
    items: list[Milestone] = [Milestone("initial-conference", REMINDER, icpc, 0)]
    if rules.reports_before_initial_working_days:
        reports = add_working_days(icpc, -rules.reports_before_initial_working_days)
        items.append(Milestone("reports-initial", DEADLINE, reports, 0))
    if rules.record_after_days:
        items.append(Milestone("record-initial", REMINDER, icpc + timedelta(days=rules.record_after_days), 0))
    first_core_group = add_working_days(icpc, rules.first_core_group_working_days)
    items.append(Milestone("core-group-first", DEADLINE, first_core_group, 0))

    # Reviews: each from the previous review's deadline, or from its actual date when known.
    reviews: list[tuple[date, date, date]] = []  # (deadline, limit, date used for what follows)
    previous = icpc
    for number in range(1, review_count + 1):
        months = rules.first_review_months if number == 1 else rules.review_interval_months
        deadline, limit = within_months(previous, months)
        held = reviews_held[number - 1] if number - 1 < len(reviews_held) else None
        reviews.append((deadline, limit, held or deadline))
        previous = held or deadline

    first_review_date = reviews[0][2] if reviews else None
    if rules.visit_interval_days:
        items.append(
            Milestone(
                "visits",
                RECURRING,
                icpc + timedelta(days=rules.visit_interval_days),
                0,
                repeat_days=rules.visit_interval_days,
                until=first_review_date,
            )
        )

    # Core group meetings about every N weeks after the first, until the first review.
    reminder = first_core_group
    count = 0
    while first_review_date and rules.core_group_interval_weeks:
        reminder = last_working_day_on_or_before(reminder + timedelta(weeks=rules.core_group_interval_weeks))
        if reminder >= first_review_date:
            break
        count += 1
        items.append(Milestone(f"core-group-{count + 1}", REMINDER, reminder, 0, until=first_review_date))

    for number, (deadline, limit, used) in enumerate(reviews, start=1):
        conference_day = used
        if rules.reports_before_review_working_days:
            reports = add_working_days(conference_day, -rules.reports_before_review_working_days)
            items.append(Milestone(f"reports-review-{number}", DEADLINE, reports, number))
        if used == deadline:
            items.append(Milestone(f"review-{number}", DEADLINE, deadline, number, limit=limit))
        else:
            items.append(Milestone(f"review-{number}", HELD, used, number, limit=limit))
        if rules.record_after_days:
            record = conference_day + timedelta(days=rules.record_after_days)
            items.append(Milestone(f"record-review-{number}", REMINDER, record, number))

    order = {m.key: i for i, m in enumerate(items)}
    return sorted(items, key=lambda m: (m.date, order[m.key]))
