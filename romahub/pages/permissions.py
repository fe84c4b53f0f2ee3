"""The editorial groups: Editors, Moderators (both made by Wagtail's first migration) and
Translators, and what each may do.

Pages are not locale-scoped in Wagtail, but each language has its own page tree; so translators
get page permissions on the home page of every language except English, and none on English.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupPagePermission, Page

EDITORS, MODERATORS, TRANSLATORS = "Editors", "Moderators", "Translators"
MISHTO_REVIEWERS = "Mishto reviewers"
TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def _perm(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _model_perms(app_label: str, model: str, actions) -> list[Permission]:
    content_type = ContentType.objects.get(app_label=app_label, model=model)
    return [Permission.objects.get(content_type=content_type, codename=f"{a}_{model}") for a in actions]


def ensure_editorial_groups() -> dict[str, Group]:
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, MODERATORS, TRANSLATORS)}
    access_admin = _perm("wagtailadmin", "access_admin")
    submit_translation = _perm("wagtail_localize", "submit_translation")
    glossary_all = _model_perms("pages", "glossaryterm", ("add", "change", "delete", "view"))
    review = _model_perms("pages", "communityreview", ("add", "change", "view"))
    # The directory: editors and moderators keep it; translators may fix Slovak and Romanian text.
    directory_all = [
        perm for model in ("service", "organization", "location", "taxonomyterm")
        for perm in _model_perms("directory", model, ("add", "change", "delete", "view"))
    ]
    # Readers' suggestions come only from the public forms: moderators review and delete, never add.
    suggestions = _model_perms("directory", "suggestion", ("change", "delete", "view"))
    # The Mishto charter: editors keep it; translators fix its Slovak and Romanian text.
    charter_all = [
        perm for model in ("charterversion", "pledge") for perm in _model_perms("mishto", model, ("add", "change", "delete", "view"))
    ]
    for name in (EDITORS, MODERATORS):
        groups[name].permissions.add(
            access_admin, submit_translation, *glossary_all, *review, *directory_all, *suggestions, *charter_all,
            *_model_perms("resources", "resource", ("add", "change", "delete", "view")),
        )
    groups[TRANSLATORS].permissions.add(
        access_admin,
        submit_translation,
        *_model_perms("pages", "glossaryterm", ("change", "view")),
        *_model_perms("resources", "resource", ("change", "view")),
        *_model_perms("directory", "service", ("change", "view")),
        *_model_perms("mishto", "charterversion", ("change", "view")),
        *_model_perms("mishto", "pledge", ("change", "view")),
    )
    # Roma Rights Forum reviewers decide on councils' Mishto assessments (romahub.mishto.workflow).
    groups[MISHTO_REVIEWERS] = Group.objects.get_or_create(name=MISHTO_REVIEWERS)[0]
    groups[MISHTO_REVIEWERS].permissions.add(access_admin, *_model_perms("mishto", "participation", ("view",)))
    for home in Page.objects.filter(depth=2).exclude(locale__language_code=settings.LANGUAGE_CODE):
        grant_translators(home, groups[TRANSLATORS])
    return groups


def grant_translators(home: Page, group: Group | None = None) -> None:
    """Let translators work on one language's page tree (called for each non-English home)."""
    group = group or Group.objects.get_or_create(name=TRANSLATORS)[0]
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=_perm("wagtailcore", codename))
