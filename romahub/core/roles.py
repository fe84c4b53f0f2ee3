"""The hub's editorial roles and the rights they are given in bundles.

Each app says what each role may do with its own records, in its `permissions.py`; the site's
wiring (romahub/site/groups.py) makes the groups and grants what every app asks for.
"""

EDITORS, MODERATORS, TRANSLATORS = "Editors", "Moderators", "Translators"
ROLES = (EDITORS, MODERATORS, TRANSLATORS)

# Records with a draft state (romahub/core/moderation.py): Editors write drafts, Moderators publish.
DRAFTS = ("add", "change", "view", "change_english")
PUBLISHING = ("publish", "delete", "lock", "unlock")
# Records that are live when saved, so changed only by Moderators.
EVERYTHING = ("add", "change", "delete", "view")
