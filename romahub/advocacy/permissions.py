"""Who may see help requests: only the receiving partner's named staff, each with a second factor.

No editorial role is granted anything here: editors, moderators and translators see no request,
not even its metadata. Partners are set up by superusers (the admin, or `create_partner`).
"""

GRANTS = {}
SECOND_FACTOR_PATHS = (r"^/[a-z]{2}/partner/",)


def membership(user):
    """The partner membership of a signed-in user, or None."""
    if not user.is_authenticated:
        return None
    return getattr(user, "advocacy_membership", None)


def needs_second_factor(user) -> bool:
    return membership(user) is not None
