"""The public "suggest a service" and "report a change" forms, and the moderator's review form.

Public forms ask nothing about who is writing. Each has a honeypot field, `homepage`, that
people never see; a form that fills it is treated as sent and dropped.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from romahub.core.languages import LANGUAGE_NAMES
from romahub.directory.forms import TermsChoiceField
from romahub.directory.models import Organization, Service, Suggestion, TaxonomyTerm

POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$")
PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{8,18}[0-9]$")
HONEYPOT = "homepage"


def clean_postcode(value: str) -> str:
    compact = "".join(value.upper().split())
    if not compact:
        return ""
    postcode = f"{compact[:-3]} {compact[-3:]}"
    if not POSTCODE.match(postcode):
        raise forms.ValidationError(_("Enter a full UK postcode, such as DE1 3AA, or leave it empty."))
    return postcode


def clean_phone(value: str) -> str:
    value = " ".join(value.split())
    if value and not PHONE.match(value):
        raise forms.ValidationError(_("Enter a phone number with its area code, such as 0808 801 0366, or leave it empty."))
    return value


class PublicSuggestionForm(forms.ModelForm):
    homepage = forms.CharField(required=False, label=_("Leave this empty"))
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https",
                             help_text=_("Start with https://"))

    def clean_postcode(self):
        return clean_postcode(self.cleaned_data.get("postcode", ""))

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone", ""))

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT))


class SuggestServiceForm(PublicSuggestionForm):
    help = TermsChoiceField(
        label=_("Kind of help"), required=False, to_field_name="slug", widget=forms.CheckboxSelectMultiple,
        queryset=TaxonomyTerm.objects.filter(taxonomy__slug="help"),
    )
    cost = forms.ChoiceField(
        label=_("Does it cost anything?"), required=False, widget=forms.RadioSelect,
        choices=[("free", _("It is free")), ("paid", _("You may have to pay")), ("", _("I do not know"))],
    )

    class Meta:
        model = Suggestion
        fields = ["name", "organisation", "description", "help", "languages_spoken", "address", "town", "postcode",
                  "phone", "email", "website", "cost", "source"]
        labels = {
            "name": _("Name of the service or group"),
            "organisation": _("Organisation that runs it (if you know)"),
            "description": _("What does it do, and who is it for?"),
            "languages_spoken": _("Languages spoken"),
            "address": _("Street address (if it has an office)"),
            "source": _("How do you know about it?"),
        }
        help_texts = {
            "languages_spoken": _("For example Romanian, Slovak, Romani."),
            "source": _("For example its website, a leaflet, or you work there."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["description"].required = True

    def clean(self):
        data = super().clean()
        if not any(data.get(field) for field in ("phone", "email", "website", "address")):
            raise forms.ValidationError(
                _("Give at least one way to reach the service: a phone number, an e-mail, a website or an address.")
            )
        return data


class ReportChangeForm(PublicSuggestionForm):
    class Meta:
        model = Suggestion
        fields = ["details", "closed", "phone", "email", "website", "address", "town", "postcode", "opening_hours", "source"]
        labels = {
            "details": _("What is wrong, or what has changed?"),
            "closed": _("This service has closed"),
            "phone": _("New phone number"),
            "email": _("New e-mail"),
            "address": _("New street address"),
            "opening_hours": _("New opening hours"),
            "source": _("How do you know?"),
        }
        help_texts = {
            "details": _("Please do not write about your own family or case here."),
            "source": _("For example its website, a leaflet, or you work there."),
        }
        widgets = {"details": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["details"].required = True
        self.fields["website"].label = _("New website")


class ReviewSuggestionForm(forms.Form):
    """What accepting a suggestion writes, prefilled from it and editable by the moderator."""

    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organization.objects.order_by("name"), required=False,
        help_text=_("Choose one, or leave empty and type a new organisation's name below."),
    )
    new_organisation = forms.CharField(label=_("New organisation"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}))
    status = forms.ChoiceField(label=_("Status"), choices=Service.STATUSES)
    cost = forms.ChoiceField(label=_("Cost"), choices=Service.COSTS, required=False)
    url = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    town = forms.CharField(label=_("Town or city"), max_length=100, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    terms = forms.ModelMultipleChoiceField(
        label=_("Kinds of help and audiences"), queryset=TaxonomyTerm.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=list(LANGUAGE_NAMES.items()), required=False, widget=forms.CheckboxSelectMultiple,
    )
    source = forms.CharField(label=_("Where the facts come from"), widget=forms.Textarea(attrs={"rows": 2}))
    decision_note = forms.CharField(label=_("Note for other moderators"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean_postcode(self):
        return clean_postcode(self.cleaned_data.get("postcode", ""))

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("new_organisation"):
            self.add_error("new_organisation", _("Choose an organisation or type a new one."))
        return data
