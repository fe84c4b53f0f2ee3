from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from romahub.conference.timeline import (
    DEADLINE,
    ENGLAND,
    HELD,
    RECURRING,
    Rules,
    add_months,
    add_working_days,
    is_local,
    is_working_day,
    last_working_day_on_or_before,
    plan,
    within_months,
)


def by_key(milestones):
    return {m.key: m for m in milestones}


# --- working days ------------------------------------------------------------------------------

def test_weekends_and_bank_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 11, 21))  # Saturday
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day (substitute)
    assert not is_working_day(date(2027, 3, 26))  # Good Friday 2027
    assert not is_working_day(date(2027, 3, 29))  # Easter Monday 2027
    assert is_working_day(date(2026, 11, 23))


def test_counting_forward_skips_christmas():
    # Wednesday 23 December 2026: Thu 24 is day 1; 25, 26, 27, 28 are not working days; Tue 29 is day 2.
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 24)
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)


def test_counting_backward_skips_easter():
    # Before Tuesday 30 March 2027, Easter Monday (29) and Good Friday (26) do not count:
    # 1 working day before is Thursday 25, 3 working days before is Tuesday 23.
    assert add_working_days(date(2027, 3, 30), -1) == date(2027, 3, 25)
    assert add_working_days(date(2027, 3, 30), -3) == date(2027, 3, 23)


def test_the_starting_day_is_never_counted():
    monday = date(2026, 11, 23)
    assert add_working_days(monday, 1) == date(2026, 11, 24)
    assert add_working_days(monday, -1) == date(2026, 11, 20)  # the Friday before
    assert add_working_days(monday, 0) == monday


def test_months_use_the_same_day_or_the_month_end():
    assert add_months(date(2026, 11, 23), 3) == date(2027, 2, 23)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)  # leap year
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 31), 6) == date(2027, 6, 30)


def test_a_deadline_on_a_non_working_day_moves_earlier_never_later():
    # 3 months after 28 September 2026 is Monday 28 December 2026 (Boxing Day substitute):
    # the deadline is Thursday 24 December.
    deadline, limit = within_months(date(2026, 9, 28), 3)
    assert limit == date(2026, 12, 28)
    assert deadline == date(2026, 12, 24)
    assert last_working_day_on_or_before(date(2026, 11, 22)) == date(2026, 11, 20)


# --- the plan ----------------------------------------------------------------------------------

HACKNEY = Rules(
    reports_before_initial_working_days=3, reports_before_review_working_days=5, record_after_days=1,
    core_group_interval_weeks=6, visit_interval_days=10,
)


def test_national_rules_alone_plan_only_what_working_together_sets():
    m = by_key(plan(date(2026, 11, 23)))
    assert set(m) == {"initial-conference", "core-group-first", "review-1", "review-2", "review-3"}
    assert m["core-group-first"].date == date(2026, 12, 7)  # 10 working days
    assert m["review-1"].date == date(2027, 2, 23)  # 3 months
    assert m["review-2"].date == date(2027, 8, 23)  # 6 months


def test_which_rules_are_national():
    assert {key for key in ("core-group-first", "review-1", "review-2", "review-3") if is_local(key)} == set()
    local = ("reports-initial", "record-initial", "core-group-2", "visits", "reports-review-1", "record-review-2")
    assert all(is_local(key) for key in local)
    assert not is_local("initial-conference")


def test_plan_for_a_known_date():
    m = by_key(plan(date(2026, 11, 23), rules=HACKNEY))
    assert m["reports-initial"].date == date(2026, 11, 18)  # Wed: 3 working days before Mon 23
    assert m["record-initial"].date == date(2026, 11, 24)
    assert m["core-group-first"].date == date(2026, 12, 7)
    assert m["review-1"].date == date(2027, 2, 23) and m["review-1"].kind == DEADLINE
    assert m["reports-review-1"].date == date(2027, 2, 16)
    assert m["review-2"].date == date(2027, 8, 23)
    assert m["review-3"].date == date(2028, 2, 23)
    assert m["visits"].kind == RECURRING and m["visits"].date == date(2026, 12, 3)
    assert m["visits"].repeat_days == 10 and m["visits"].until == date(2027, 2, 23)
    assert m["core-group-2"].date == date(2027, 1, 18)


def test_the_record_counts_calendar_days():
    # Hackney's guide: "within 1 day". After a Friday conference that is the Saturday.
    m = by_key(plan(date(2026, 11, 27), rules=HACKNEY))
    assert m["record-initial"].date == date(2026, 11, 28)


def test_reviews_follow_the_actual_date_when_given():
    m = by_key(plan(date(2026, 11, 23), rules=HACKNEY, reviews_held=(date(2027, 2, 10),)))
    assert m["review-1"].kind == HELD and m["review-1"].date == date(2027, 2, 10)
    assert m["record-review-1"].date == date(2027, 2, 11)
    assert m["review-2"].date == date(2027, 8, 10)  # 6 months from the actual date


def test_local_rules_override_the_defaults():
    rules = ENGLAND.with_overrides(reports_before_initial_working_days=5, first_core_group_working_days=None)
    m = by_key(plan(date(2026, 11, 23), rules=rules))
    assert m["reports-initial"].date == date(2026, 11, 16)
    assert m["core-group-first"].date == date(2026, 12, 7)


dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
rules_strategy = st.builds(
    Rules,
    reports_before_initial_working_days=st.integers(1, 10),
    reports_before_review_working_days=st.integers(1, 10),
    record_after_days=st.integers(1, 3),
    first_core_group_working_days=st.integers(3, 20),
    core_group_interval_weeks=st.integers(2, 12),
    visit_interval_days=st.integers(1, 28),
    first_review_months=st.integers(1, 6),
    review_interval_months=st.integers(1, 12),
)


@settings(max_examples=300, deadline=None)
@given(icpc=dates.filter(is_working_day), rules=rules_strategy)
def test_every_deadline_is_a_working_day_within_its_limit_and_in_order(icpc, rules):
    milestones = plan(icpc, rules=rules)
    m = by_key(milestones)
    for milestone in milestones:
        if milestone.kind == DEADLINE:
            assert is_working_day(milestone.date), milestone
        if milestone.limit:
            assert milestone.date <= milestone.limit, milestone
    assert [x.date for x in milestones] == sorted(x.date for x in milestones)
    assert m["reports-initial"].date < icpc < m["record-initial"].date <= m["core-group-first"].date
    assert m["record-initial"].date - icpc == timedelta(days=rules.record_after_days)
    reviews = [m[f"review-{n}"].date for n in (1, 2, 3)]
    assert reviews == sorted(reviews) and len(set(reviews)) == 3
    assert reviews[0] <= add_months(icpc, rules.first_review_months)
    for n in (1, 2, 3):
        assert m[f"reports-review-{n}"].date < m[f"review-{n}"].date < m[f"record-review-{n}"].date
    for n in (2, 3):
        assert m[f"review-{n}"].date <= add_months(m[f"review-{n - 1}"].date, rules.review_interval_months)
    for key, milestone in m.items():
        if key.startswith("core-group-") and key != "core-group-first":
            assert m["core-group-first"].date < milestone.date < reviews[0]


@settings(max_examples=200, deadline=None)
@given(start=dates, count=st.integers(-30, 30))
def test_working_day_counting_is_exact(start, count):
    result = add_working_days(start, count)
    lo, hi = sorted((start, result))
    between = sum(is_working_day(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    if count > 0:
        assert is_working_day(result) and between == count
    elif count < 0:
        assert is_working_day(result)
        # counting back: the working days after the result up to and including start, minus start itself
        assert between - is_working_day(start) + 1 == -count
    else:
        assert result == start


@settings(max_examples=200, deadline=None)
@given(start=dates, months=st.integers(1, 24))
def test_month_deadlines_never_move_later(start, months):
    deadline, limit = within_months(start, months)
    assert deadline <= limit and is_working_day(deadline)
    assert all(not is_working_day(deadline + timedelta(days=i)) for i in range(1, (limit - deadline).days + 1))
