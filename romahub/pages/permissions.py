"""What each editorial role may do with the pages app's records (granted by romahub/site/groups.py).

Pages themselves are not locale-scoped in Wagtail, but each language has its own page tree: the
wiring gives translators page permissions on the home page of every language except English.
Glossary terms have a draft state: Editors add and change them as drafts, Moderators publish;
Translators change and publish Slovak and Romanian rows only (romahub/core/moderation.py).
"""

from romahub.core.roles import DRAFTS, EDITORS, MODERATORS, PUBLISHING, TRANSLATORS

REVIEW = ("add", "change", "view")

GRANTS = {
    EDITORS: {"communityreview": REVIEW, "glossaryterm": DRAFTS},
    MODERATORS: {"communityreview": REVIEW, "glossaryterm": DRAFTS + PUBLISHING},
    TRANSLATORS: {"glossaryterm": ("change", "view", "publish")},
}
# Models with a draft state, which go through the moderators' workflow.
MODERATED = ("glossaryterm",)
