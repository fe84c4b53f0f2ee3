"""English that cannot go live unreviewed: the rules shared by every moderated record.

Services, glossary terms and resources have Wagtail's draft state (DraftStateMixin), revisions,
locking and the "Moderators approval" workflow. In the admin an edit to a live record is saved
only as a revision: the row readers and the API see keeps its published values until someone
with the `publish` permission (Moderators) publishes it. Public code reads them only through
`public()`, so a record first saved as a draft is nowhere public.

Translators change only Slovak and Romanian:
- on a record with one row per language (glossary terms, resources) they may not change,
  publish, lock, unpublish or delete an English row (`EnglishRowsPolicy`, `guard_english_rows`);
- on a record that keeps every language on one row (services, the charter) their form holds
  only the `_sk` and `_ro` text fields, so whatever else a request carries is never read.
The right to change English is the permission `<app>.change_english_<model>` (Editors and
Moderators have it, Translators do not). See docs/decisions.md.
"""

from functools import wraps

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.models import TranslatableMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

TRANSLATION_SUFFIXES = ("_sk", "_ro")
# Snippet admin views that change, publish or lock a record (not those that only show it).
CHANGING_VIEWS = {
    "edit", "delete", "unpublish", "revisions_revert", "revisions_unschedule", "lock", "unlock",
    "workflow_action", "collect_workflow_action_data", "confirm_workflow_cancellation", "copy",
}


class PublicQuerySet(models.QuerySet):
    def public(self):
        """What readers and the API may see: published (live) rows only."""
        return self.filter(live=True)


def may_change_english(user, model) -> bool:
    return user.has_perm(f"{model._meta.app_label}.change_english_{model._meta.model_name}")


def is_english(instance) -> bool:
    return isinstance(instance, TranslatableMixin) and instance.locale.language_code == settings.LANGUAGE_CODE


class EnglishRowsPolicy(ModelPermissionPolicy):
    """Model permissions, except that only users who may change English act on an English row."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        return action == "view" or not is_english(instance) or may_change_english(user, self.model)


def register_english_rows_policy(model) -> None:
    register_permission_policy(model, EnglishRowsPolicy(model), exact_class=True)


def guard_english_rows(view, policy: EnglishRowsPolicy):
    """Refuse a changing admin view on an English row to a user the policy does not allow."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            instance = policy.model._default_manager.filter(pk=unquote(str(pk))).select_related("locale").first()
            if instance is not None and not policy.user_has_permission_for_instance(request.user, "change", instance):
                raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


class EnglishRowsViewSetMixin:
    """For a SnippetViewSet of a TranslatableMixin model: English rows only for those who may change English.

    The model's EnglishRowsPolicy (`register_english_rows_policy`, before the viewset is
    registered) serves the action menus and bulk actions; this guards every view that changes,
    publishes or locks a row, as those views check only model permissions.
    """

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        policy = policy_registry.get_by_type(self.model)
        for pattern in patterns:
            if pattern.name in CHANGING_VIEWS:
                pattern.callback = guard_english_rows(pattern.callback, policy)
        return patterns


def translation_field_names(model) -> list[str]:
    """The model's Slovak and Romanian text fields, in their order on the model."""
    return [
        field.name for field in model._meta.get_fields()
        if getattr(field, "concrete", False) and field.name.endswith(TRANSLATION_SUFFIXES)
        and isinstance(field, (models.CharField, models.TextField))
    ]


class TranslatorFormMixin:
    """For the edit view of a record with every language on one row: a user who may not change
    English gets a form with only the Slovak and Romanian text, beside the English read-only.

    The form has no other field and no inline formsets, so nothing else a request sends is
    read: the English text, the facts and the related rows stay as they are.
    """

    def translating_only(self) -> bool:
        return not may_change_english(self.request.user, self.model)

    def get_panel(self):
        return translator_panel(self.model) if self.translating_only() else super().get_panel()

    def get_form_class(self):
        # The viewset gives the view the full form class; a translator's comes from their panel.
        return self.panel.get_form_class() if self.translating_only() else super().get_form_class()


def translator_panel(model):
    panels = []
    for name in translation_field_names(model):
        source = name.rsplit("_", 1)[0]
        if source not in {panel.field_name for panel in panels}:
            panels.append(FieldPanel(source, read_only=True))
        panels.append(FieldPanel(name))
    return ObjectList(panels).bind_to_model(model)
