"""The editorial groups: Editors, Moderators (both made by Wagtail's first migration) and
Translators, and what each may do.

Pages are not locale-scoped in Wagtail, but each language has its own page tree; so translators
get page permissions on the home page of every language except English, and none on English.

Records outside the page tree that readers or the API see (romahub/core/moderation.py):
- services, glossary terms and resources have a draft state: Editors add and change them as
  drafts and submit them to the "Moderators approval" workflow; only Moderators publish.
  Translators change Slovak and Romanian only: the Slovak and Romanian text of a service (saved
  as a draft for a moderator to publish) and the Slovak and Romanian rows of glossary terms and
  resources (which they publish, as they publish Slovak and Romanian pages); never an English row.
- organisations, locations and the directory's kinds of help have no draft state: only
  Moderators change or delete them (Editors may add an organisation or a location, which no
  reader sees until a moderator publishes a service that uses it).
- the Mishto charter is published by giving a version a date: Editors prepare unpublished
  versions, Moderators publish them and alone change a published version's English.
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

EDITORS, MODERATORS, TRANSLATORS = "Editors", "Moderators", "Translators"
MISHTO_REVIEWERS = "Mishto reviewers"
TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
MODERATION_WORKFLOW = "Moderators approval"
# (app label, model) of the records with a draft state.
MODERATED = (("directory", "service"), ("pages", "glossaryterm"), ("resources", "resource"))


def _perm(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _model_perms(app_label: str, model: str, actions) -> list[Permission]:
    content_type = ContentType.objects.get(app_label=app_label, model=model)
    return [Permission.objects.get(content_type=content_type, codename=f"{a}_{model}") for a in actions]


def ensure_editorial_groups() -> dict[str, Group]:
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, MODERATORS, TRANSLATORS)}
    access_admin = _perm("wagtailadmin", "access_admin")
    submit_translation = _perm("wagtail_localize", "submit_translation")
    review = _model_perms("pages", "communityreview", ("add", "change", "view"))
    # Drafts of services, glossary terms and resources: Editors write them, Moderators publish.
    drafts = [perm for app, model in MODERATED for perm in _model_perms(app, model, ("add", "change", "view", "change_english"))]
    publishing = [perm for app, model in MODERATED for perm in _model_perms(app, model, ("publish", "delete", "lock", "unlock"))]
    # Live at once when saved, so changed only by Moderators; Editors may add the first two.
    directory_facts = [
        perm for model in ("organization", "location", "taxonomyterm")
        for perm in _model_perms("directory", model, ("add", "change", "delete", "view"))
    ]
    directory_additions = [perm for model in ("organization", "location") for perm in _model_perms("directory", model, ("add", "view"))]
    # Readers' suggestions come only from the public forms: moderators review and delete, never add.
    suggestions = _model_perms("directory", "suggestion", ("change", "delete", "view"))
    # The Mishto charter: Editors prepare unpublished versions, Moderators publish them.
    charter = [
        perm for model in ("charterversion", "pledge")
        for perm in _model_perms("mishto", model, ("add", "change", "delete", "view", "change_english"))
    ]
    wanted = {
        EDITORS: [
            access_admin, submit_translation, *review, *drafts, *directory_additions,
            *_model_perms("directory", "taxonomyterm", ("view",)), *charter,
        ],
        MODERATORS: [
            access_admin, submit_translation, *review, *drafts, *publishing, *directory_facts, *suggestions, *charter,
            *_model_perms("mishto", "charterversion", ("publish",)),
        ],
        TRANSLATORS: [
            access_admin, submit_translation,
            # Slovak and Romanian rows only (romahub/core/moderation.py refuses them English rows).
            *_model_perms("pages", "glossaryterm", ("change", "view", "publish")),
            *_model_perms("resources", "resource", ("change", "view", "publish")),
            # Slovak and Romanian text only, saved as a draft for a moderator to publish.
            *_model_perms("directory", "service", ("change", "view")),
            *_model_perms("mishto", "charterversion", ("change", "view")),
            *_model_perms("mishto", "pledge", ("change", "view")),
        ],
    }
    managed = _managed_content_types()
    for name, permissions in wanted.items():
        group = groups[name]
        # Rights these roles no longer have (an older hub gave them more) are taken away.
        group.permissions.remove(*group.permissions.filter(content_type__in=managed).exclude(pk__in=[p.pk for p in permissions]))
        group.permissions.add(*permissions)
    ensure_moderation_workflow(groups[MODERATORS])
    # Roma Rights Forum reviewers decide on councils' Mishto assessments (romahub.mishto.workflow).
    groups[MISHTO_REVIEWERS] = Group.objects.get_or_create(name=MISHTO_REVIEWERS)[0]
    groups[MISHTO_REVIEWERS].permissions.add(access_admin, *_model_perms("mishto", "participation", ("view",)))
    for home in Page.objects.filter(depth=2).exclude(locale__language_code=settings.LANGUAGE_CODE):
        grant_translators(home, groups[TRANSLATORS])
    return groups


def _managed_content_types() -> list[ContentType]:
    models = [*MODERATED, ("directory", "organization"), ("directory", "location"), ("directory", "taxonomyterm"),
              ("directory", "suggestion"), ("mishto", "charterversion"), ("mishto", "pledge")]
    return [ContentType.objects.get(app_label=app, model=model) for app, model in models]


def ensure_moderation_workflow(moderators: Group) -> Workflow:
    """Services, glossary terms and resources go through one task: a moderator approves.

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
    for app, model in MODERATED:
        content_type = ContentType.objects.get(app_label=app, model=model)
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})
    return workflow


def grant_translators(home: Page, group: Group | None = None) -> None:
    """Let translators work on one language's page tree (called for each non-English home)."""
    group = group or Group.objects.get_or_create(name=TRANSLATORS)[0]
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=_perm("wagtailcore", codename))
