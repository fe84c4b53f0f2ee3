"""The editorial groups (Editors, Moderators, Translators), every app's own groups, and what each
may do: every app declares its grants in its `permissions.py`; this grants them.

Records outside the page tree that readers or the API see (romahub/core/moderation.py) either
have a draft state, and go through the "Moderators approval" workflow, or are live when saved
and changed only by Moderators; each app's `permissions.py` says which of its records are which.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowTask,
)

from romahub.core.roles import MODERATORS, ROLES, TRANSLATORS
from romahub.site.apps_wired import PERMISSIONS

TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
MODERATION_WORKFLOW = "Moderators approval"


def _perm(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _app_label(module) -> str:
    return module.__name__.split(".")[1]


def _granted(module, models: dict) -> list[Permission]:
    app_label = _app_label(module)
    perms = []
    for model, actions in models.items():
        content_type = ContentType.objects.get(app_label=app_label, model=model)
        perms += [Permission.objects.get(content_type=content_type, codename=f"{action}_{model}") for action in actions]
    return perms


def moderated() -> list[tuple[str, str]]:
    """(app label, model) of every record with a draft state."""
    return [(_app_label(module), model) for module in PERMISSIONS for model in getattr(module, "MODERATED", ())]


def _managed_content_types() -> list[ContentType]:
    """The records whose rights the editorial roles get only from here."""
    models = {(_app_label(module), model) for module in PERMISSIONS for grants in module.GRANTS.values() for model in grants}
    return [ContentType.objects.get(app_label=app, model=model) for app, model in sorted(models)]


def ensure_editorial_groups() -> dict[str, Group]:
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    access_admin = _perm("wagtailadmin", "access_admin")
    submit_translation = _perm("wagtail_localize", "submit_translation")
    managed = _managed_content_types()
    for name in ROLES:
        wanted = [access_admin, submit_translation]
        for module in PERMISSIONS:
            wanted += _granted(module, module.GRANTS.get(name, {}))
        group = groups[name]
        # Rights these roles no longer have (an older hub gave them more) are taken away.
        group.permissions.remove(*group.permissions.filter(content_type__in=managed).exclude(pk__in=[p.pk for p in wanted]))
        group.permissions.add(*wanted)
    ensure_moderation_workflow(groups[MODERATORS])
    for module in PERMISSIONS:
        for name, models in getattr(module, "GROUPS", {}).items():
            groups[name] = Group.objects.get_or_create(name=name)[0]
            groups[name].permissions.add(access_admin, *_granted(module, models))
    for home in Page.objects.filter(depth=2).exclude(locale__language_code=settings.LANGUAGE_CODE):
        grant_translators(home, groups[TRANSLATORS])
    return groups


def ensure_moderation_workflow(moderators: Group) -> Workflow:
    """Every record with a draft state goes through one task: a moderator approves.

    A workflow an administrator has chosen for one of them instead is left alone.
    """
    task = GroupApprovalTask.objects.filter(name=MODERATION_WORKFLOW, active=True).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=MODERATION_WORKFLOW)
        task.groups.set([moderators])
    workflow = Workflow.objects.filter(name=MODERATION_WORKFLOW, active=True).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=MODERATION_WORKFLOW)
    if not workflow.workflow_tasks.exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for app, model in moderated():
        content_type = ContentType.objects.get(app_label=app, model=model)
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})
    return workflow


def grant_translators(home: Page, group: Group | None = None) -> None:
    """Let translators work on one language's page tree (called for each non-English home)."""
    group = group or Group.objects.get_or_create(name=TRANSLATORS)[0]
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=_perm("wagtailcore", codename))
