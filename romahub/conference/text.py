"""What each milestone is called and means, in the reader's language, with the rule's own numbers."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from romahub.conference.timeline import HELD, Milestone, Rules


@dataclass
class Described:
    milestone: Milestone
    title: str
    explanation: str


def describe(milestone: Milestone, rules: Rules) -> Described:
    key, n = milestone.key, milestone.conference
    if key == "reports-initial":
        title = _("Reports for the initial conference")
        days = rules.reports_before_initial_working_days
        text = ngettext(
            "You should get copies of the reports at least %(days)d working day before the conference.",
            "You should get copies of the reports at least %(days)d working days before the conference.",
            days,
        ) % {"days": days}
    elif key == "initial-conference":
        title = _("Initial child protection conference")
        text = _("The meeting where your family and the professionals decide if your child needs a plan.")
    elif key in ("record-initial", f"record-review-{n}"):
        title = (
            _("Written record of the initial conference")
            if key == "record-initial"
            else _("Written record of review conference %(number)d") % {"number": n}
        )
        days = rules.record_after_working_days
        text = ngettext(
            "You should get the written record and decision within %(days)d working day after the conference.",
            "You should get the written record and decision within %(days)d working days after the conference.",
            days,
        ) % {"days": days}
    elif key == "core-group-first":
        title = _("First core group meeting")
        days = rules.first_core_group_working_days
        text = ngettext(
            "You, your supporters and the professionals meet within %(days)d working day to plan the details.",
            "You, your supporters and the professionals meet within %(days)d working days to plan the details.",
            days,
        ) % {"days": days}
    elif key.startswith("core-group-"):
        title = _("Core group meeting (around this date)")
        weeks = rules.core_group_interval_weeks
        text = ngettext(
            "The core group meets about every %(weeks)d week to check how the plan is going.",
            "The core group meets about every %(weeks)d weeks to check how the plan is going.",
            weeks,
        ) % {"weeks": weeks}
    elif key == "visits":
        title = _("Social worker visits")
        days = rules.visit_interval_days
        text = ngettext(
            "While your child has a plan, the social worker visits at least every %(days)d day.",
            "While your child has a plan, the social worker visits at least every %(days)d days.",
            days,
        ) % {"days": days}
    elif key == f"reports-review-{n}":
        title = _("Reports for review conference %(number)d") % {"number": n}
        days = rules.reports_before_review_working_days
        text = ngettext(
            "You should get copies of the reports at least %(days)d working day before the review.",
            "You should get copies of the reports at least %(days)d working days before the review.",
            days,
        ) % {"days": days}
    elif key == f"review-{n}" and milestone.kind == HELD:
        title = _("Review conference %(number)d (held)") % {"number": n}
        text = _("You told us the date of this review. The next review is planned from it.")
    elif key == f"review-{n}":
        title = _("Review conference %(number)d, at the latest") % {"number": n}
        if n == 1:
            months = rules.first_review_months
            text = ngettext(
                "The first review is held within %(months)d month of the initial conference.",
                "The first review is held within %(months)d months of the initial conference.",
                months,
            ) % {"months": months}
        else:
            months = rules.review_interval_months
            text = ngettext(
                "If the plan continues, the next review is held within %(months)d month of the last one.",
                "If the plan continues, the next review is held within %(months)d months of the last one.",
                months,
            ) % {"months": months}
    else:  # pragma: no cover - every key made by timeline.plan is handled above
        raise ValueError(f"unknown milestone {key!r}")
    return Described(milestone, title, text)
