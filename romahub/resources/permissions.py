"""What each editorial role may do with the resources library (granted by romahub/site/groups.py).

Resources have a draft state: Editors add and change them as drafts, Moderators publish;
Translators change and publish Slovak and Romanian rows only (romahub/core/moderation.py).
"""

from romahub.core.roles import DRAFTS, EDITORS, MODERATORS, PUBLISHING, TRANSLATORS

GRANTS = {
    EDITORS: {"resource": DRAFTS},
    MODERATORS: {"resource": DRAFTS + PUBLISHING},
    TRANSLATORS: {"resource": ("change", "view", "publish")},
}
MODERATED = ("resource",)
