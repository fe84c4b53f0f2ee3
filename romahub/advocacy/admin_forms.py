from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from romahub.core.languages import LANGUAGE_NAMES


class PartnerForm(WagtailAdminModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages staff speak"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=list(LANGUAGE_NAMES.items()),
        help_text=_("Only languages the organisation says its staff speak. Name Romani dialects below."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("national") and not data.get("areas"):
            self.add_error("areas", _("Choose the council areas it covers, or tick that it takes requests from anywhere in England."))
        return data
