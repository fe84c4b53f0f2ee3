from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from romahub.conference.models import rules_for
from romahub.places.models import LocalAuthority

EARLIEST = date(2000, 1, 1)

# The date box sends year-month-day; where a browser has no date box, the reader types the date
# as the hint shows it, day first, with the separators people in England, Slovakia and Romania use.
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d. %m. %Y", "%d-%m-%Y", "%d %m %Y"]
DATE_HINT = _("For example 27/03/2027 (day, month, year).")
DATE_INVALID = _("Enter the date as day, month and year, for example 27/03/2027.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def held_review_field(label) -> forms.DateField:
    """An optional date of a review conference that has already taken place."""
    return forms.DateField(
        label=label,
        help_text=DATE_HINT,
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": DATE_INVALID},
    )


class TimelineForm(forms.Form):
    """The planner's question: the date of the initial conference, and any reviews held.

    A GET form: nothing is stored, and the answer is a shareable, printable address.
    """

    icpc = forms.DateField(
        label=_("Date of the initial child protection conference"),
        help_text=DATE_HINT,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"required": _("Enter the date of the initial child protection conference."), "invalid": DATE_INVALID},
    )
    la = forms.ModelChoiceField(
        label=_("Your local council (optional)"),
        help_text=_(
            "Councils set some timescales of their own. The hub shows them for the councils whose procedures "
            "it has read; for the others, England's national rules."
        ),
        queryset=LocalAuthority.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Not chosen: England's national rules"),
        error_messages={"invalid_choice": _("Choose a council from the list.")},
    )
    review1 = held_review_field(_("Date the first review conference took place (if it has)"))
    review2 = held_review_field(_("Date the second review conference took place (if it has)"))

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
