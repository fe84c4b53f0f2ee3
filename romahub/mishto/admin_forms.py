"""Editing the charter in the admin: a version that councils have signed keeps its English text.

Slovak and Romanian text may still be corrected (the English is what was signed); any other
change needs a new version (`charter.start_new_version`).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

TRANSLATION_SUFFIXES = ("_sk", "_ro")
ALWAYS_EDITABLE = {"translations_reviewed"}


def _only_translations(changed) -> bool:
    return all(name.endswith(TRANSLATION_SUFFIXES) or name in ALWAYS_EDITABLE for name in changed)


def signed_count(version) -> int:
    from romahub.mishto.models import Participation

    return Participation.objects.filter(version=version).count() if version and version.pk else 0


class SignedVersionGuard(WagtailAdminModelForm):
    def signed_version(self):
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        version = self.signed_version()
        count = signed_count(version)
        if not count:
            return data
        changed = list(self.changed_data)
        for formset in getattr(self, "formsets", {}).values():
            for form in formset.forms:
                if not form.has_changed():
                    continue
                if not form.instance.pk or form.data.get(form.add_prefix("DELETE")):
                    changed.append("structure")
                changed.extend(form.changed_data)
        if not _only_translations(changed):
            raise ValidationError(
                _("%(count)s council(s) signed this version, so its English text cannot change. Correct the Slovak or Romanian "
                  "text only, or start a new version from the list of charter versions.") % {"count": count}
            )
        return data


class CharterVersionForm(SignedVersionGuard):
    def signed_version(self):
        return self.instance if self.instance.pk else None


class PledgeForm(SignedVersionGuard):
    def signed_version(self):
        if self.instance.pk:
            original = type(self.instance).objects.select_related("version").get(pk=self.instance.pk).version
            if signed_count(original):
                return original
        return self.cleaned_data.get("version")  # a pledge added to, or moved into, a version
