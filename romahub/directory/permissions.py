"""What each editorial role may do with the directory (granted by romahub/site/groups.py).

- Services have a draft state: Editors add and change them as drafts and submit them to the
  moderators' workflow; only Moderators publish. Translators change the Slovak and Romanian
  text only, saved as a draft for a moderator to publish (romahub/core/moderation.py).
- Organisations, locations and kinds of help have no draft state: only Moderators change or
  delete them. Editors may add an organisation or a location, which no reader sees until a
  moderator publishes a service that uses it.
- Readers' suggestions come only from the public forms: moderators review and delete, never add.
"""

from romahub.core.roles import DRAFTS, EDITORS, EVERYTHING, MODERATORS, PUBLISHING, TRANSLATORS

GRANTS = {
    EDITORS: {
        "service": DRAFTS, "organization": ("add", "view"), "location": ("add", "view"), "taxonomyterm": ("view",),
    },
    MODERATORS: {
        "service": DRAFTS + PUBLISHING, "organization": EVERYTHING, "location": EVERYTHING,
        "taxonomyterm": EVERYTHING, "suggestion": ("change", "delete", "view"),
    },
    TRANSLATORS: {"service": ("change", "view")},
}
MODERATED = ("service",)
