"""The directory search form: every filter is a GET parameter, so results are shareable links."""

from django import forms
from django.utils.translation import gettext_lazy as _

from romahub.core.languages import language_name
from romahub.directory.search import Area, SearchIndex, TermName, current


class TermsChoiceField(forms.ModelMultipleChoiceField):
    """Terms by their label in the reader's language (the suggestion forms use it)."""

    def label_from_instance(self, obj):
        return obj.label


class ServiceSearchForm(forms.Form):
    q = forms.CharField(label=_("Words to search for"), required=False, max_length=100)
    # Choices, and what a choice stands for, come from the search index (set in __init__).
    help = forms.MultipleChoiceField(label=_("Kind of help"), required=False, widget=forms.CheckboxSelectMultiple)
    audience = forms.ChoiceField(label=_("Who it is for"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    free = forms.BooleanField(label=_("Free services only"), required=False)
    la = forms.ChoiceField(label=_("Local council area"), required=False)
    near = forms.CharField(
        label=_("Near a postcode or town"), required=False, max_length=60,
        help_text=_("For example DE1 or Derby."),
    )
    lat = forms.FloatField(required=False, min_value=49, max_value=61, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-9, max_value=3, widget=forms.HiddenInput)
    PLACE_FIELDS = ("near", "lat", "lon")

    @classmethod
    def holds_place(cls, query) -> bool:
        """True when a search names a place, typed or from the browser, valid or not."""
        return any(value.strip() for name in cls.PLACE_FIELDS for value in query.getlist(name))

    def __init__(self, *args, index: SearchIndex | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        index = self.index = index or current()
        # The languages listed services speak, from the search index: reading them from every
        # service's languages took as long as the search.
        codes = set(index.languages) | {"ro", "sk", "rom"}
        # Plain (slug, name) pairs, read with the index: rendering 150 model instances as options was a
        # third of a search's time, and reading them a tenth.
        self.fields["la"].choices = [("", _("Anywhere in England"))] + [(area.slug, area.name) for area in index.authorities]
        self.fields["help"].choices = [(term.slug, term.label) for term in index.term_choices.get("help", [])]
        self.fields["audience"].choices = [("", _("Anyone"))] + [
            (term.slug, term.label) for term in index.term_choices.get("audience", [])
        ]
        self.fields["language"].choices = [("", _("Any language"))] + sorted(
            ((code, language_name(code)) for code in codes), key=lambda pair: str(pair[1])
        )

    # The fields have checked that each slug is one of their choices.

    def clean_help(self) -> list[TermName]:
        chosen = set(self.cleaned_data["help"])
        return [term for term in self.index.term_choices.get("help", []) if term.slug in chosen]

    def clean_audience(self) -> TermName | None:
        slug = self.cleaned_data["audience"]
        return next((term for term in self.index.term_choices.get("audience", []) if term.slug == slug), None)

    def clean_la(self) -> Area | None:
        slug = self.cleaned_data["la"]
        return next((area for area in self.index.authorities if area.slug == slug), None)

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())
