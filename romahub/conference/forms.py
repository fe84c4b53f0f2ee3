from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from romahub.conference.models import rules_for
from romahub.places.models import LocalAuthority

EARLIEST = date(2000, 1, 1)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def held_review_field(label, invalid_message) -> forms.DateField:
    """An optional date of a review conference that has already taken place."""
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=DateInput(),
        error_messages={"invalid": invalid_message},
    )


class TimelineForm(forms.Form):
    """The planner's question: the date of the initial conference, and any reviews held.

    A GET form: nothing is stored, and the answer is a shareable, printable address.
    """

    icpc = forms.DateField(
        label=_("Date of the initial child protection conference"),
        help_text=_("For example 2026-12-01 (year, month, day)."),
        input_formats=["%Y-%m-%d"],
        widget=DateInput(),
        error_messages={
            "required": _("Enter the date of the initial child protection conference."),
            "invalid": _("Enter the date as year-month-day, for example 2026-12-01."),
        },
    )
    la = forms.ModelChoiceField(
        label=_("Your local council (optional)"),
        help_text=_("Some councils use their own timescales. Leave empty for England's usual rules."),
        queryset=LocalAuthority.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("England's usual rules"),
        error_messages={"invalid_choice": _("Choose a council from the list.")},
    )
    review1 = held_review_field(
        _("Date the first review conference took place (if it has)"),
        _("Enter the date as year-month-day, for example 2027-03-01."),
    )
    review2 = held_review_field(
        _("Date the second review conference took place (if it has)"),
        _("Enter the date as year-month-day, for example 2027-09-01."),
    )

    def clean_icpc(self):
        value = self.cleaned_data["icpc"]
        latest = date.today() + timedelta(days=3 * 366)
        if not EARLIEST <= value <= latest:
            raise forms.ValidationError(_("Enter a date between the year 2000 and three years from today."))
        return value

    def clean(self):
        cleaned = super().clean()
        icpc, first, second = cleaned.get("icpc"), cleaned.get("review1"), cleaned.get("review2")
        if icpc and first and first <= icpc:
            self.add_error("review1", _("The first review must come after the initial conference."))
        if second and not first:
            self.add_error("review2", _("Enter the date of the first review conference too."))
        elif first and second and second <= first:
            self.add_error("review2", _("The second review must come after the first review."))
        return cleaned

    def rules(self):
        return rules_for(self.cleaned_data.get("la"))

    def reviews_held(self) -> tuple:
        return (self.cleaned_data.get("review1"), self.cleaned_data.get("review2"))
