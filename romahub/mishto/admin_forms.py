"""Editing the charter in the admin: a version that councils have signed keeps its English text.

Slovak and Romanian text may still be corrected (the English is what was signed); any other
change needs a new version (`charter.start_new_version`).

The charter has no draft state of its own beyond unpublished versions, so who may change what
is checked here, on the server, whatever the form sent (romahub/mishto/permissions.py):
- Translators change only Slovak and Romanian text;
- Editors prepare unpublished versions; publishing one (giving it a date) and changing the
  English or the pledges of a published one need `mishto.publish_charterversion` (Moderators).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from romahub.core.moderation import may_change_english

TRANSLATION_SUFFIXES = ("_sk", "_ro")
ALWAYS_EDITABLE = {"translations_reviewed"}


def _only_translations(changed) -> bool:
    return all(name.endswith(TRANSLATION_SUFFIXES) or name in ALWAYS_EDITABLE for name in changed)


def signed_count(version) -> int:
    # The models import these forms (their panels), so the models come at call time.
    from romahub.mishto.models import Participation

    return Participation.objects.filter(version=version).count() if version and version.pk else 0


PUBLISH_PERMISSION = "mishto.publish_charterversion"


class SignedVersionGuard(WagtailAdminModelForm):
    def signed_version(self):
        raise NotImplementedError

    def _refusal(self, version, changed) -> str | None:
        """Why this change may not be saved, or None."""
        user = self.for_user
        count = signed_count(version)
        if count and not _only_translations(changed):
            return _("%(count)s council(s) signed this version, so its English text cannot change. Correct the Slovak or Romanian "
                     "text only, or start a new version from the list of charter versions.") % {"count": count}
        if user is None:
            return None
        if not may_change_english(user, self._meta.model) and not all(name.endswith(TRANSLATION_SUFFIXES) for name in changed):
            return _("You may change only the Slovak and Romanian text.")
        publishing = "published_on" in changed
        if (publishing or (version is not None and version.is_published and not _only_translations(changed))) and not user.has_perm(
            PUBLISH_PERMISSION
        ):
            return _("Only a moderator may publish a charter version or change the English of a published one. Correct the "
                     "Slovak or Romanian text only, or start a new version from the list of charter versions.")
        return None

    def clean(self):
        data = super().clean()
        version = self.signed_version()
        changed = list(self.changed_data)
        for formset in getattr(self, "formsets", {}).values():
            for form in formset.forms:
                if not form.has_changed():
                    continue
                if not form.instance.pk or form.data.get(form.add_prefix("DELETE")):
                    changed.append("structure")
                changed.extend(form.changed_data)
        refusal = self._refusal(version, changed)
        if refusal:
            raise ValidationError(refusal)
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
            if original.is_published and original.pk != self.cleaned_data.get("version", original).pk:
                return original  # moved out of a published version
        return self.cleaned_data.get("version")  # a pledge added to, or moved into, a version
