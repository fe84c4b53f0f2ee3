from django import forms
from django.utils.translation import gettext_lazy as _

from romahub.mishto import register
from romahub.places.models import REGIONS

STATUS_LABELS = {
    "committed": _("Committed"), "under_review": _("Under review"), "awarded": _("Quality Mark awarded"),
    "expired": _("Quality Mark expired"), "suspended": _("Suspended"), "revoked": _("Revoked"),
}


class RegisterFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("All of England"))] + REGIONS)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("Any status"))] + [(code, STATUS_LABELS[code]) for code in register.PUBLIC_CODES],
    )
