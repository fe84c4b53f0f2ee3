"""The family's form: as few questions as help needs, each answerable on a cheap phone."""

import difflib

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from romahub.advocacy.models import HAPPENING, WHO
from romahub.conference.forms import DATE_FORMATS, DATE_HINT, DATE_INVALID, DateInput
from romahub.core.languages import LANGUAGE_NAMES
from romahub.places.gazetteer import areas_of_town, name_key
from romahub.places.models import LocalAuthority

HONEYPOT = "homepage"
CONTACT_BY = [("phone", _("Phone call")), ("whatsapp", _("WhatsApp")), ("email", _("E-mail"))]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
# What is sealed to the partner: everything that says who the family is or how to reach them.
SEALED_FIELDS = ("who", "name", "contact_by", "phone", "email", "safe_times", "leave_message", "details")


def family_languages():
    return [(code, name) for code, name in LANGUAGE_NAMES.items()]


class CouncilField(forms.Field):
    """A council typed or chosen from the list the browser offers (a datalist: it works with
    JavaScript off). Typed names are matched as the gazetteer matches places."""

    default_error_messages = {
        "required": _("Enter the council area you live in, for example Derby or Sheffield."),
        "unknown": _("We do not know a council called “%(typed)s”. Choose one from the list."),
        "unknown_suggest": _("We do not know a council called “%(typed)s”. Did you mean %(suggestions)s?"),
        "town": _("We know %(typed)s, but not which council it is in. Choose your council from the list."),
    }

    def to_python(self, value):
        typed = " ".join(str(value or "").split())[:100]
        if not typed:
            return None
        councils = {name_key(a.name): a for a in LocalAuthority.objects.all()}
        councils.update({name_key(a.official_name): a for a in LocalAuthority.objects.exclude(official_name="")})
        found = councils.get(name_key(typed))
        if found:
            return found
        # A town: its council, where the offline gazetteer's area for it is one council.
        by_town = {councils[key] for key in map(name_key, areas_of_town(typed)) if key in councils}
        if len(by_town) == 1:
            return by_town.pop()
        if areas_of_town(typed):
            raise forms.ValidationError(self.error_messages["town"], code="unknown", params={"typed": typed})
        close = difflib.get_close_matches(name_key(typed), list(councils), n=3, cutoff=0.7)
        names = sorted({councils[key].name for key in close})
        if names:
            raise forms.ValidationError(self.error_messages["unknown_suggest"], code="unknown",
                                        params={"typed": typed, "suggestions": " / ".join(names)})
        raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"typed": typed})


class HelpRequestForm(forms.Form):
    who = forms.ChoiceField(
        label=_("Who is asking?"), choices=WHO, widget=forms.RadioSelect,
        error_messages={"required": _("Choose who is asking.")},
    )
    authority = CouncilField(
        label=_("Your council area"),
        help_text=_("The council whose children's services contacted you, or your town. For example Derby, or Gravesend."),
        widget=forms.TextInput(attrs={"list": "councils", "autocomplete": "off", "maxlength": 100}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Which languages do you speak?"), choices=family_languages, widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose all that you are happy to speak."),
        error_messages={"required": _("Choose at least one language.")},
    )
    happening = forms.ChoiceField(
        label=_("What is happening?"), choices=HAPPENING, widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is happening.")},
    )
    conference_date = forms.DateField(
        label=_("Date of a conference or court hearing, if you know it"), help_text=DATE_HINT, required=False,
        input_formats=DATE_FORMATS, widget=DateInput(), error_messages={"invalid": DATE_INVALID},
    )
    name = forms.CharField(
        label=_("What should they call you?"), max_length=80, required=False,
        help_text=_("Your first name is enough."),
    )
    contact_by = forms.ChoiceField(
        label=_("How should they contact you?"), choices=CONTACT_BY, widget=forms.RadioSelect,
        error_messages={"required": _("Choose how they should contact you.")},
    )
    phone = forms.CharField(
        label=_("Phone number"), max_length=30, required=False,
        help_text=_("For a phone call or WhatsApp."), widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter an e-mail address such as name@example.com.")},
    )
    safe_times = forms.CharField(
        label=_("When is it safe to contact you?"), max_length=200, required=False,
        help_text=_("For example: weekdays after 3pm."),
    )
    leave_message = forms.ChoiceField(
        label=_("Is it safe to leave a message?"), choices=YES_NO, widget=forms.RadioSelect,
        error_messages={"required": _("Say whether it is safe to leave a message.")},
    )
    details = forms.CharField(
        label=_("Anything else they should know"), max_length=1000, required=False,
        help_text=_("A few words are enough. Do not write your child's name or date of birth."),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        error_messages={"max_length": _("Keep this under 1,000 characters.")},
    )
    may_pass_on = forms.BooleanField(
        label=_("If nobody has opened my request after a week, it may go to another Roma organisation."),
        required=False,
    )
    consent = forms.BooleanField(
        label=_("I agree: only the organisation that receives my request can read it, and it is deleted "
                "30 days after they close it."),
        error_messages={"required": _("Tick the box to agree, or your request cannot be sent.")},
    )
    homepage = forms.CharField(required=False, label=_("Leave this empty"))

    def clean(self):
        data = super().clean()
        way = data.get("contact_by")
        if way in ("phone", "whatsapp") and not data.get("phone"):
            self.add_error("phone", _("Enter the phone number they should use."))
        if way == "email" and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter the e-mail address they should use."))
        return data

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT))

    def sealed_fields(self) -> dict:
        data = self.cleaned_data
        return {field: data.get(field) or "" for field in SEALED_FIELDS}

    @staticmethod
    def councils():
        return LocalAuthority.objects.order_by("name").values_list("name", flat=True)


LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
