"""What each milestone is called and means, in the reader's language, with the rule's own numbers."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from romahub.conference.timeline import HELD, Milestone, Rules, is_local


@dataclass
class Described:
    milestone: Milestone
    title: str
    explanation: str
    local: bool = False  # planned from a council's own rule, not a national one


@dataclass(frozen=True)
class _Text:
    title: Promise
    explanation: Promise
    # (placeholder, field of Rules): the number the explanation is counted by, which a council
    # may override, so the singular or plural is chosen only when the rules are known.
    count: tuple[str, str] | None = None


# The texts are lazy so that they are translated when a page is drawn, into the reader's
# language, not once at import. A case's "#" stands for the conference number, which its
# title names; "*" is any ending.
_RECORD = ngettext_lazy(
    "You should get the written record and decision within %(days)d day after the conference.",
    "You should get the written record and decision within %(days)d days after the conference.",
    "days",
)
TEXTS: dict[str, _Text] = {
    "reports-initial": _Text(
        _("Reports for the initial conference"),
        ngettext_lazy(
            "You should get copies of the reports at least %(days)d working day before the conference.",
            "You should get copies of the reports at least %(days)d working days before the conference.",
            "days",
        ),
        ("days", "reports_before_initial_working_days"),
    ),
    "initial-conference": _Text(
        _("Initial child protection conference"),
        _("The meeting where your family and the professionals decide if your child needs a plan."),
    ),
    "record-initial": _Text(
        _("Written record of the initial conference"), _RECORD, ("days", "record_after_days")
    ),
    "record-review-#": _Text(
        _("Written record of review conference %(number)d"), _RECORD, ("days", "record_after_days")
    ),
    "core-group-first": _Text(
        _("First core group meeting"),
        ngettext_lazy(
            "You, your supporters and the professionals meet within %(days)d working day to plan the details.",
            "You, your supporters and the professionals meet within %(days)d working days to plan the details.",
            "days",
        ),
        ("days", "first_core_group_working_days"),
    ),
    "core-group-*": _Text(
        _("Core group meeting (around this date)"),
        ngettext_lazy(
            "The core group meets about every %(weeks)d week to check how the plan is going.",
            "The core group meets about every %(weeks)d weeks to check how the plan is going.",
            "weeks",
        ),
        ("weeks", "core_group_interval_weeks"),
    ),
    "visits": _Text(
        _("Social worker visits"),
        ngettext_lazy(
            "While your child has a plan, the social worker visits at least every %(days)d day.",
            "While your child has a plan, the social worker visits at least every %(days)d days.",
            "days",
        ),
        ("days", "visit_interval_days"),
    ),
    "reports-review-#": _Text(
        _("Reports for review conference %(number)d"),
        ngettext_lazy(
            "You should get copies of the reports at least %(days)d working day before the review.",
            "You should get copies of the reports at least %(days)d working days before the review.",
            "days",
        ),
        ("days", "reports_before_review_working_days"),
    ),
    "review-# held": _Text(
        _("Review conference %(number)d (held)"),
        _("You told us the date of this review. The next review is planned from it."),
    ),
    "review-# first": _Text(
        _("Review conference %(number)d, at the latest"),
        ngettext_lazy(
            "The first review is held within %(months)d month of the initial conference.",
            "The first review is held within %(months)d months of the initial conference.",
            "months",
        ),
        ("months", "first_review_months"),
    ),
    "review-# next": _Text(
        _("Review conference %(number)d, at the latest"),
        ngettext_lazy(
            "If the plan continues, the next review is held within %(months)d month of the last one.",
            "If the plan continues, the next review is held within %(months)d months of the last one.",
            "months",
        ),
        ("months", "review_interval_months"),
    ),
}


def case_of(milestone: Milestone) -> str:
    """The name in TEXTS of the text a milestone takes."""
    key, n = milestone.key, milestone.conference
    if key.startswith("core-group-") and key != "core-group-first":
        return "core-group-*"  # the reminders are counted by meeting, not by conference
    if "#" in key:
        raise ValueError(f"unknown milestone {key!r}")  # a case's name is not a milestone's key
    if not key.endswith(f"-{n}"):
        return key
    case = key.removesuffix(f"-{n}") + "-#"
    if case != "review-#":
        return case
    # A review's text depends on whether it has happened, and a planned one's on which rule set it.
    if milestone.kind == HELD:
        return "review-# held"
    return "review-# first" if n == 1 else "review-# next"


def describe(milestone: Milestone, rules: Rules) -> Described:
    case = case_of(milestone)
    text = TEXTS.get(case)
    if text is None:  # pragma: no cover - every key made by timeline.plan has a text
        raise ValueError(f"unknown milestone {milestone.key!r}")
    # Only a numbered title is formatted, so a translation's literal "%" elsewhere stays as it is.
    title = text.title % {"number": milestone.conference} if "#" in case else str(text.title)
    if text.count is None:
        explanation = str(text.explanation)
    else:
        placeholder, rule = text.count
        explanation = text.explanation % {placeholder: getattr(rules, rule)}
    return Described(milestone, title, explanation, local=is_local(milestone.key))
