"""The library's filter form: every filter is a GET parameter, so a filtered list is a shareable link."""

from django import forms
from django.utils.translation import gettext_lazy as _

from romahub.core.languages import language_name
from romahub.resources.library import Filters, sources
from romahub.resources.models import AUDIENCES, KINDS, codes


class LibraryForm(forms.Form):
    q = forms.CharField(label=_("Words to search for"), required=False, max_length=100)
    audience = forms.ChoiceField(
        label=_("Who it is for"), required=False, choices=[("", _("Everyone"))] + AUDIENCES
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind"))] + KINDS)
    language = forms.ChoiceField(label=_("Available in"), required=False)
    free = forms.BooleanField(label=_("Free resources only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        present = {
            code
            for value in sources().values_list("languages", flat=True).distinct()
            for code in codes(value)
        }
        present |= {"en", "ro", "sk"}
        self.fields["language"].choices = [("", _("Any language"))] + sorted(
            ((code, language_name(code)) for code in present), key=lambda pair: str(pair[1])
        )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            query=data["q"],
            audience=data["audience"],
            kind=data["kind"],
            language=data["language"],
            free_only=data["free"],
        )
