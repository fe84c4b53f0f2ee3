"""Who must sign in with a second factor, and where (core/two_factor.py enforces it).

Everyone who can open the admin, everywhere in it but its own sign-in, sign-out and
second-factor pages; and on the paths each app names in its `permissions.py`
(SECOND_FACTOR_PATHS), the users it names (its `needs_second_factor`).
"""

import re

from django.conf import settings

from romahub.site.apps_wired import PERMISSIONS

_ADMIN = re.escape(settings.ADMIN_PATH_PREFIX)
PROTECTED = re.compile("|".join([f"^{_ADMIN}", *(p for m in PERMISSIONS for p in getattr(m, "SECOND_FACTOR_PATHS", ()))]))
EXEMPT = re.compile(f"^{_ADMIN}(login|logout|two-factor)/")
_USER_RULES = tuple(m.needs_second_factor for m in PERMISSIONS if hasattr(m, "needs_second_factor"))


def protects(path: str) -> bool:
    return bool(PROTECTED.match(path)) and not EXEMPT.match(path)


def applies_to(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"):
        return True
    return any(rule(user) for rule in _USER_RULES)
