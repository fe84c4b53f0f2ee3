"""Who may do what in the Mishto scheme (granted by romahub/site/groups.py).

- The charter is published by giving a version a date: Editors prepare unpublished versions,
  Moderators publish them and alone change a published version's English; Translators change
  the Slovak and Romanian text.
- Roma Rights Forum reviewers, a group of their own, decide on councils' assessments
  (romahub/mishto/workflow.py). They see councils' evidence, so they sign in with a second factor.
"""

from romahub.core.roles import EDITORS, EVERYTHING, MODERATORS, TRANSLATORS

REVIEWERS = "Mishto reviewers"
CHARTER = EVERYTHING + ("change_english",)

GRANTS = {
    EDITORS: {"charterversion": CHARTER, "pledge": CHARTER},
    MODERATORS: {"charterversion": CHARTER + ("publish",), "pledge": CHARTER},
    TRANSLATORS: {"charterversion": ("change", "view"), "pledge": ("change", "view")},
}
# Groups of the app's own, each with the admin's door and these rights.
GROUPS = {REVIEWERS: {"participation": ("view",), "joinrequest": ("view", "delete")}}
# Paths under the language prefix that need the second factor once the user must have one.
SECOND_FACTOR_PATHS = (r"^/[a-z]{2}/mishto/evidence/",)


def is_reviewer(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.groups.filter(name=REVIEWERS).exists())


def needs_second_factor(user) -> bool:
    return is_reviewer(user)
