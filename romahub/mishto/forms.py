from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from romahub.mishto import register
from romahub.mishto.models import JoinRequest
from romahub.places.models import REGIONS, LocalAuthority

HONEYPOT = "homepage"  # hidden from people; a form that fills it is treated as sent and dropped

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


class SetPasswordForm(forms.Form):
    password = forms.CharField(label=_("Choose a password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("At least 12 characters. A few words you will remember work well."))
    password_again = forms.CharField(label=_("Type the password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.password_validation import validate_password

        data = super().clean()
        password = data.get("password")
        if password and data.get("password_again") != password:
            self.add_error("password_again", _("The two passwords are not the same."))
        elif password:
            try:
                validate_password(password, get_user_model()(username=self.email, email=self.email))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class SignForm(forms.Form):
    signatory_name = forms.CharField(label=_("Name of the person signing"), max_length=150)
    signatory_role = forms.CharField(label=_("Their role"), max_length=150, help_text=_("For example Director of Children's Services."))
    statement = forms.CharField(
        label=_("Your council's commitment"), widget=forms.Textarea(attrs={"rows": 5}), max_length=3000,
        help_text=_("In your own words: what the council commits to. It is shown on the public register."),
    )
    confirm = forms.BooleanField(label=_("I am authorised to sign on behalf of the council"))


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's work e-mail"))


class ReviewerInviteForm(InviteForm):
    authority = forms.ModelChoiceField(label=_("Local authority"), queryset=LocalAuthority.objects.order_by("name"))
    is_lead = forms.BooleanField(label=_("As a lead (may sign and invite colleagues)"), required=False)
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=settings.LANGUAGES, initial="en")


class JoinRequestForm(forms.ModelForm):
    """The public "ask to join" form: who is asking, for which council, and how to answer them."""

    authority = forms.ModelChoiceField(
        label=_("Your council"), queryset=LocalAuthority.objects.order_by("name"), to_field_name="slug",
        empty_label=_("Choose your council"),
        error_messages={"required": _("Choose your council."), "invalid_choice": _("Choose a council from the list.")},
    )
    homepage = forms.CharField(required=False, label=_("Leave this empty"))

    class Meta:
        model = JoinRequest
        fields = ["authority", "name", "role", "email", "message"]
        labels = {"name": _("Your name"), "role": _("Your job title"), "email": _("Your work e-mail"),
                  "message": _("Anything the scheme's team should know")}
        help_texts = {"email": _("The team answers here with an invitation. Use your council address.")}
        error_messages = {
            "name": {"required": _("Enter your name.")},
            "role": {"required": _("Enter your job title.")},
            "email": {"required": _("Enter your work e-mail."), "invalid": _("Enter an e-mail address such as name@council.gov.uk.")},
            "message": {"max_length": _("Keep the message under 1,000 characters.")},
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT))
